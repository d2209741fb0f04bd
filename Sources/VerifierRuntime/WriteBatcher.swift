import Dispatch
import JobQueue

/// Group commit: commits requested while a batch is being written wait and go together in the
/// next one, so many concurrent jobs cost few round trips on one connection. When a batch's
/// statement fails (rolled back), each of its commits is tried alone, so one bad commit fails
/// only its own job. `onBatch` hears each batch begin (`true`) and end (`false`), so a write
/// queue stalled on a hung server is something ``LoopHealth`` sees.
final class WriteBatcher: Sendable {
  private typealias Waiter = (commit: JobCommit, continuation: CheckedContinuation<Bool, Error>)
  private struct Pending {
    var waiters: [Waiter] = []
    var writing = false
  }

  let store: JobStore
  let maxBatch: Int
  private let onBatch: @Sendable (Bool) -> Void
  private let pending: QueueBound<Pending>

  init(store: JobStore, maxBatch: Int = 256, onBatch: @escaping @Sendable (Bool) -> Void = { _ in })
  {
    self.store = store
    self.maxBatch = maxBatch
    self.onBatch = onBatch
    pending = QueueBound(Pending(), on: DispatchQueue(label: "verifierd.writes"))
  }

  /// Commits `commit` (with whatever else is waiting); true when its lease still held.
  func apply(_ commit: JobCommit) async throws -> Bool {
    try await withCheckedThrowingContinuation { continuation in
      pending.queue.async {
        self.pending.with { $0.waiters.append((commit, continuation)) }
        self.flushIfIdle()
      }
    }
  }

  private func flushIfIdle() {
    let batch: [Waiter]? = pending.with { state in
      guard !state.writing, !state.waiters.isEmpty else { return nil }
      state.writing = true
      let batch = Array(state.waiters.prefix(maxBatch))
      state.waiters.removeFirst(batch.count)
      return batch
    }
    guard let batch else { return }
    let store = store
    onBatch(true)
    Task {
      do {
        let applied = try await store.apply(batch.map(\.commit))
        for waiter in batch {
          waiter.continuation.resume(returning: applied.contains(waiter.commit.lease))
        }
      } catch let error as PGError where error.isConnectionProblem || batch.count == 1 {
        // A lost connection leaves the commit's effect unknown: never write again blindly (the
        // leases expire and a claim rescues the jobs, which the machine then reconciles).
        for waiter in batch { waiter.continuation.resume(throwing: error) }
      } catch {
        // A statement failed and was rolled back: one bad commit must not fail its neighbours,
        // so each is tried on its own.
        for waiter in batch {
          do {
            let applied = try await store.apply([waiter.commit])
            waiter.continuation.resume(returning: applied.contains(waiter.commit.lease))
          } catch {
            waiter.continuation.resume(throwing: error)
          }
        }
      }
      self.onBatch(false)
      self.pending.queue.async {
        self.pending.with { $0.writing = false }
        self.flushIfIdle()
      }
    }
  }
}
