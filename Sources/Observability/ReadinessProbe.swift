import Synchronization

/// Runs a readiness check with a deadline. The check may not notice cancellation (a blocking
/// database call), so the answer does not wait for it: past the deadline the probe answers
/// "not ready" and the check finishes on its own.
enum ReadinessProbe {
  static func run(
    _ check: @escaping @Sendable () async -> Readiness, timeout: Duration
  ) async -> Readiness {
    await withCheckedContinuation { (continuation: CheckedContinuation<Readiness, Never>) in
      let once = Once(continuation)
      let timer = Task {
        try? await Task.sleep(for: timeout)
        once.answer(.notReady(reason: "readiness check timed out"))
      }
      Task {
        once.answer(await check())
        timer.cancel()
      }
    }
  }

  /// Resumes a continuation with the first answer only.
  private final class Once: Sendable {
    private let continuation: Mutex<CheckedContinuation<Readiness, Never>?>

    init(_ continuation: CheckedContinuation<Readiness, Never>) {
      self.continuation = Mutex(continuation)
    }

    func answer(_ readiness: Readiness) {
      let waiting = continuation.withLock { waiting in
        defer { waiting = nil }
        return waiting
      }
      waiting?.resume(returning: readiness)
    }
  }
}
