import CLibPQ
import Foundation

/// Owns one libpq connection handle. `PQfinish` runs exactly once, when the last reference goes.
///
/// Not thread-safe: the ``PGConnection`` or ``PGListener`` that owns it touches it from its own
/// serial queue only.
final class PGHandle {
  let pointer: OpaquePointer

  init(_ pointer: OpaquePointer) {
    self.pointer = pointer
  }

  deinit {
    PQfinish(pointer)
  }

  /// Opens a connection with `PQconnectdbParams`; the handle is finished on every path.
  static func connect(_ configuration: PGConfiguration, operation: String = "connect") throws
    -> PGHandle
  {
    let pairs = configuration.connectionParameters
    let raw = withCStringArray(pairs.map(\.0)) { keys in
      withCStringArray(pairs.map(\.1)) { values in PQconnectdbParams(keys, values, 1) }
    }
    guard let raw else {
      throw PGError(
        kind: .connection, operation: operation, message: "libpq could not allocate a connection")
    }
    let handle = PGHandle(raw)
    guard PQstatus(raw) == CONNECTION_OK else {
      throw PGError(
        kind: .connection, connection: raw, operation: operation,
        secrets: configuration.passwordForScrubbing.map { [$0] } ?? [])
    }
    return handle
  }

  /// True when the connection is usable: reads whatever the server sent while idle (a shutdown
  /// notice, an EOF) without a round trip. A server that shut down sends a FATAL notice and then
  /// closes; libpq may take the notice in one read and meet the EOF only in the next, so this
  /// reads twice (a read with nothing pending returns at once: libpq's socket is non-blocking).
  var isHealthy: Bool {
    for _ in 0..<2 {
      guard PQstatus(pointer) == CONNECTION_OK, PQconsumeInput(pointer) == 1 else { return false }
    }
    return PQstatus(pointer) == CONNECTION_OK
  }
}

/// Calls `body` with a NULL-terminated array of C strings that lives for the call.
func withCStringArray<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
  let copies = strings.map { strdup($0) }
  defer { for copy in copies { free(copy) } }
  return body(copies.map { UnsafePointer($0) } + [nil])
}
