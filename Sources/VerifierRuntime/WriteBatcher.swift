import Dispatch
import JobQueue

/// Group commit: writes requested while a batch is being committed wait and go together in the
/// next transaction, so many concurrent jobs cost few round trips on one connection.
final class WriteBatcher: @unchecked Sendable {
  private typealias Waiter = (write: JobWrite, continuation: CheckedContinuation<Bool, Error>)

  let store: JobStore
  let maxBatch: Int
  private let queue = DispatchQueue(label: "verifierd.writes")
  // Touched on `queue` only.
  private var pending: [Waiter] = []
  private var writing = false

  init(store: JobStore, maxBatch: Int = 256) {
    self.store = store
    self.maxBatch = maxBatch
  }

  /// Commits `write` (with whatever else is waiting); true when its lease still held.
  func apply(_ write: JobWrite) async throws -> Bool {
    try await withCheckedThrowingContinuation { continuation in
      queue.async {
        self.pending.append((write, continuation))
        self.flushIfIdle()
      }
    }
  }

  private func flushIfIdle() {
    guard !writing, !pending.isEmpty else { return }
    writing = true
    let batch = Array(pending.prefix(maxBatch))
    pending.removeFirst(batch.count)
    let store = store
    Task {
      do {
        let applied = try await store.apply(batch.map(\.write))
        for waiter in batch {
          waiter.continuation.resume(returning: applied.contains(waiter.write.update.lease))
        }
      } catch {
        for waiter in batch { waiter.continuation.resume(throwing: error) }
      }
      self.queue.async {
        self.writing = false
        self.flushIfIdle()
      }
    }
  }
}
