import JobQueue
import Synchronization

/// Group commit: commits requested while a batch is being written wait and go together in the
/// next one, so many concurrent jobs cost few round trips on one connection. When a batch's
/// statement fails (rolled back), each of its commits is tried alone, so one bad commit fails
/// only its own job. `onBatch` hears each batch begin (`true`) and end (`false`), so a write
/// queue stalled on a hung server is something ``LoopHealth`` sees.
///
/// A commit joins the queue under a lock, with no hop of its own; one writer task runs while
/// commits wait, batch after batch, and ends when none is left.
final class WriteBatcher: Sendable {
  private typealias Waiter = (commit: JobCommit, continuation: CheckedContinuation<Bool, Error>)
  private struct Pending {
    var waiters: [Waiter] = []
    var writing = false
  }

  let store: JobStore
  let maxBatch: Int
  private let onBatch: @Sendable (Bool) -> Void
  private let onAnnounced: @Sendable () -> Void
  private let pending = Mutex(Pending())

  /// `onAnnounced` hears each committed batch that wrote webhook events (the delivery worker's
  /// wake-up).
  init(
    store: JobStore, maxBatch: Int = 256, onAnnounced: @escaping @Sendable () -> Void = {},
    onBatch: @escaping @Sendable (Bool) -> Void = { _ in }
  ) {
    self.store = store
    self.maxBatch = maxBatch
    self.onAnnounced = onAnnounced
    self.onBatch = onBatch
  }

  /// Commits `commit` (with whatever else is waiting); true when its lease still held.
  @inline(never)
  func apply(_ commit: JobCommit) async throws -> Bool {
    try await withCheckedThrowingContinuation { continuation in
      let startsWriter = pending.withLock { state in
        state.waiters.append((commit, continuation))
        guard !state.writing else { return false }
        state.writing = true
        return true
      }
      if startsWriter { Task { await self.writeWhileWaiting() } }
    }
  }

  /// Writes batches until no commit waits.
  private func writeWhileWaiting() async {
    while let batch = nextBatch() {
      onBatch(true)
      await write(batch)
      onBatch(false)
    }
  }

  /// The next batch, or nil (and the writer's end) when none waits.
  private func nextBatch() -> [Waiter]? {
    pending.withLock { state in
      guard !state.waiters.isEmpty else {
        state.writing = false
        return nil
      }
      // Usually every waiter fits: the whole queue is handed over, with no copy.
      guard state.waiters.count > maxBatch else {
        defer { state.waiters = [] }
        return state.waiters
      }
      let batch = Array(state.waiters.prefix(maxBatch))
      state.waiters.removeFirst(batch.count)
      return batch
    }
  }

  private func write(_ batch: [Waiter]) async {
    do {
      let commits = batch.map(\.commit)
      let applied = try await store.apply(commits)
      if store.announces(commits.filter { applied.contains($0.lease) }) { onAnnounced() }
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
          if applied.contains(waiter.commit.lease), store.announces([waiter.commit]) {
            onAnnounced()
          }
          waiter.continuation.resume(returning: applied.contains(waiter.commit.lease))
        } catch {
          waiter.continuation.resume(throwing: error)
        }
      }
    }
  }
}
