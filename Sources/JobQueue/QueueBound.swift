import Dispatch

/// A value that belongs to one serial queue: every access checks, at run time, that it runs on
/// that queue (`dispatchPrecondition`), so state "touched on the queue only" cannot be touched
/// elsewhere by mistake. That check is what makes the `@unchecked Sendable` sound.
package final class QueueBound<Value>: @unchecked Sendable {
  /// The queue the value belongs to.
  package let queue: DispatchQueue
  private var value: Value

  /// Binds `value` to `queue`.
  package init(_ value: Value, on queue: DispatchQueue) {
    self.value = value
    self.queue = queue
  }

  /// The value; get and set only on ``queue``.
  package var wrapped: Value {
    get {
      dispatchPrecondition(condition: .onQueue(queue))
      return value
    }
    set {
      dispatchPrecondition(condition: .onQueue(queue))
      value = newValue
    }
  }

  /// Runs `body` with the value, on ``queue`` only.
  package func with<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
    dispatchPrecondition(condition: .onQueue(queue))
    return try body(&value)
  }
}
