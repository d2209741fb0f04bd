import Verification

/// A permit asked for before its call is ready to go, so that the wait overlaps other work: a
/// money call's permit is leased while the call's intent commits, not after. The call then
/// waits for it where it would have asked (``FinicityClient/initiate(_:permit:)`` and the other
/// money calls), inside the call's time limit.
///
/// A permit asked for and never used (the intent's write failed, the job's lease was lost) is
/// given up with ``cancel()``; one already granted is simply not spent, which leaves the fleet
/// one call short, never over its limit.
public struct EarlyPermit: Sendable {
  /// The request under way, or `nil` without a limiter (the permit is then granted at once).
  private let request: Task<CallPermit?, Never>?

  /// Starts asking `permits` for a permit in class `priority`.
  init(permits: (any CallPermits)?, priority: CallPriority) {
    request = permits.map { permits in Task { try? await permits.acquire(priority) } }
  }

  /// Waits for the permit; `nil` when the request was cancelled first. Cancelling the waiter
  /// cancels the request.
  func wait() async -> CallPermit? {
    guard let request else { return CallPermit(generation: nil) }
    return await withTaskCancellationHandler {
      await request.value
    } onCancel: {
      request.cancel()
    }
  }

  /// Gives the request up: the call it was for will not be made.
  public func cancel() {
    request?.cancel()
  }
}
