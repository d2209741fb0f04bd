import JobQueue
import Synchronization

/// Collects listener events and lets a test wait for a condition on them without sleeping.
public final class EventRecorder: Sendable {
  /// Creates an empty recorder.
  public init() {}

  private let state = Mutex<(events: [PGListener.Signal], waiters: [Waiter], nextID: Int)>(
    ([], [], 0))

  private struct Waiter {
    let id: Int
    let condition: @Sendable ([PGListener.Signal]) -> Bool
    let continuation: CheckedContinuation<Void, Never>
  }

  /// Records an event (the listener's handler).
  public func record(_ event: PGListener.Signal) {
    let ready = state.withLock { state -> [CheckedContinuation<Void, Never>] in
      state.events.append(event)
      let events = state.events
      let (done, waiting) = state.waiters.reduce(into: ([Waiter](), [Waiter]())) { split, waiter in
        if waiter.condition(events) { split.0.append(waiter) } else { split.1.append(waiter) }
      }
      state.waiters = waiting
      return done.map(\.continuation)
    }
    for continuation in ready { continuation.resume() }
  }

  /// Everything recorded so far.
  public var events: [PGListener.Signal] { state.withLock { $0.events } }

  /// Notifications on `channel` recorded so far.
  public func notifications(on channel: String) -> [PGListener.Notification] {
    events.compactMap {
      if case .notification(let note) = $0, note.channel == channel { return note }
      return nil
    }
  }

  /// Returns once `condition` holds for the recorded events, or when the task is cancelled (a
  /// test's time limit), so a notification that never comes fails the test instead of hanging it.
  public func wait(until condition: @escaping @Sendable ([PGListener.Signal]) -> Bool) async {
    let id = state.withLock { state -> Int in
      state.nextID += 1
      return state.nextID
    }
    await withTaskCancellationHandler {
      await withCheckedContinuation { continuation in
        let now = state.withLock { state -> Bool in
          if condition(state.events) || Task.isCancelled { return true }
          state.waiters.append(Waiter(id: id, condition: condition, continuation: continuation))
          return false
        }
        if now { continuation.resume() }
      }
    } onCancel: {
      let waiter = state.withLock { state -> Waiter? in
        guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
        return state.waiters.remove(at: index)
      }
      waiter?.continuation.resume()
    }
  }

  /// Returns once a notification on `channel` has arrived.
  public func waitForNotification(on channel: String) async {
    await wait { events in
      events.contains {
        if case .notification(let n) = $0 { return n.channel == channel } else { return false }
      }
    }
  }
}
