import Dispatch
import Synchronization

/// Runs work against a time limit, leaving nothing behind when the work ends first.
///
/// The usual way, racing the work against a `Task.sleep` in a task group, costs more than it
/// seems on the toolchain this builds with: a cancelled sleep still holds its task until the
/// full duration has passed (swiftlang/swift#89075), so every call raced that way left a timer
/// and a task alive for its whole 20 or 30 seconds, tens of thousands of them at a time under
/// load. Here the limit is a `DispatchSourceTimer`, cancelled and freed when the work ends.
public enum TimeLimit {
  /// Runs `work` in a task of its own for at most `limit`; past it the task is cancelled and,
  /// once it has ended, the answer is `expired` whatever the work returned. Cancelling the
  /// caller cancels the work.
  public static func run<T: Sendable>(
    _ limit: Duration, expired: T, _ work: @escaping @Sendable () async -> T
  ) async -> T {
    let task = Task { await work() }
    let expiry = Expiry()
    let timer = DispatchSource.makeTimerSource(queue: .global())
    timer.setEventHandler {
      expiry.fired.store(true, ordering: .releasing)
      task.cancel()
    }
    timer.schedule(
      deadline: .now() + .nanoseconds(Int(limit.timeAmount.nanoseconds)), leeway: .milliseconds(10))
    timer.resume()
    let value = await withTaskCancellationHandler {
      await task.value
    } onCancel: {
      task.cancel()
    }
    timer.cancel()
    return expiry.fired.load(ordering: .acquiring) ? expired : value
  }

  /// Whether the timer fired.
  private final class Expiry: Sendable {
    let fired = Atomic(false)
  }
}
