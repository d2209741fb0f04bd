import Dispatch
import JobQueue

/// Group commit: writes requested while a batch is being committed wait and go together in the
/// next transaction, so many concurrent jobs cost few round trips on one connection. When a
/// batch's statement fails (rolled back), each of its writes is tried alone, so one bad write
/// fails only its own job.
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
      } catch let error as PGError where error.isConnectionProblem || batch.count == 1 {
        // A lost connection leaves the commit's effect unknown: never write again blindly (the
        // leases expire and a claim rescues the jobs, which the machine then reconciles).
        for waiter in batch { waiter.continuation.resume(throwing: error) }
      } catch {
        // A statement failed and was rolled back: one bad write must not fail its neighbours,
        // so each is tried on its own.
        for waiter in batch {
          do {
            let applied = try await store.apply([waiter.write])
            waiter.continuation.resume(returning: applied.contains(waiter.write.update.lease))
          } catch {
            waiter.continuation.resume(throwing: error)
          }
        }
      }
      self.queue.async {
        self.writing = false
        self.flushIfIdle()
      }
    }
  }
}
