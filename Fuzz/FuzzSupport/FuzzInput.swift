import Dispatch

/// What every fuzz target does with libFuzzer's bytes: split them into fields, read text the way
/// the code under test receives it, and wait for async code from libFuzzer's synchronous callback.
package enum FuzzInput {
  /// The input's bytes.
  package static func bytes(_ data: UnsafeRawPointer, _ count: Int) -> [UInt8] {
    Array(UnsafeRawBufferPointer(start: data, count: count))
  }

  /// The bytes split at each `0x00` into at most `limit` fields (the last keeps any further
  /// zeros), padded with empty fields to exactly `limit`.
  package static func fields(_ bytes: [UInt8], limit: Int) -> [[UInt8]] {
    var fields = bytes.split(separator: 0, maxSplits: limit - 1, omittingEmptySubsequences: false)
      .map(Array.init)
    while fields.count < limit { fields.append([]) }
    return fields
  }

  /// The bytes as text, invalid UTF-8 replaced (as Swift reads a socket's or libpq's bytes).
  package static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

  /// Runs `operation` to completion and returns its result; blocks the calling thread, which is
  /// libFuzzer's, never one of the concurrency pool's.
  package static func wait<T: Sendable>(_ operation: @escaping @Sendable () async -> T) -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
      box.value = await operation()
      done.signal()
    }
    done.wait()
    guard let value = box.value else { fatalError("FuzzInput.wait: the operation set no result") }
    return value
  }

  /// Stops the run with `message` when `condition` is false: a property of the code under test
  /// does not hold for this input (libFuzzer saves it as a crash).
  package static func require(
    _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String
  ) {
    if !condition() { fatalError("property violated: \(message())") }
  }
}

/// The result of an awaited operation, handed from its task to the waiting thread. The semaphore
/// orders the write before the read.
private final class ResultBox<T>: @unchecked Sendable {
  var value: T?
}
