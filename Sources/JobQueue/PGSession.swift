import CLibPQ
import Foundation

/// Synchronous access to a connection, valid only inside the closure that received it (on the
/// connection's serial queue).
public struct PGSession {
  let handle: PGHandle

  /// Runs one parameterized statement (`PQexecParams`, text format) and returns its result.
  ///
  /// - Parameters:
  ///   - sql: The statement, with `$1`, `$2`, ... placeholders.
  ///   - parameters: Values for the placeholders; `nil` is SQL NULL.
  ///   - operation: A short name for errors and logs, such as `claim jobs`.
  @discardableResult
  public func query(
    _ sql: String, _ parameters: [(any PGEncodable)?] = [], operation: String
  ) throws -> PGResult {
    let texts = parameters.map { $0?.pgText }
    let raw = withOptionalCStrings(texts) { values in
      PQexecParams(handle.pointer, sql, Int32(texts.count), nil, values, nil, nil, 0)
    }
    return try check(raw, operation: operation, secrets: texts.compactMap { $0 })
  }

  /// Runs statements without parameters (`PQexec`), for fixed SQL such as migrations.
  @discardableResult
  public func execute(_ sql: String, operation: String) throws -> PGResult {
    try check(PQexec(handle.pointer, sql), operation: operation, secrets: [])
  }

  /// Runs `body` between `BEGIN` and `COMMIT`, rolling back when it throws.
  public func transaction<T>(_ body: (PGSession) throws -> T) throws -> T {
    try execute("BEGIN", operation: "begin transaction")
    do {
      let value = try body(self)
      try execute("COMMIT", operation: "commit transaction")
      return value
    } catch {
      if PQstatus(handle.pointer) == CONNECTION_OK,
        PQtransactionStatus(handle.pointer) != PQTRANS_IDLE
      {
        _ = try? execute("ROLLBACK", operation: "roll back transaction")
      }
      throw error
    }
  }

  /// Fixes the session settings the decoders rely on, applies `configuration`'s statement
  /// timeout (and, when it says so, plans without bitmap scans), and silences notices on stderr.
  func prepareSession(_ configuration: PGConfiguration) throws {
    PQsetNoticeProcessor(handle.pointer, { _, _ in }, nil)
    let settings =
      ["SET DateStyle = ISO", "SET TimeZone = 'UTC'"]
      + [configuration.statementTimeoutSQL].compactMap { $0 }
      + (configuration.withoutBitmapScans ? ["SET enable_bitmapscan = off"] : [])
      + (configuration.withoutParallelWorkers ? ["SET max_parallel_workers_per_gather = 0"] : [])
    try execute(settings.joined(separator: "; "), operation: "prepare session")
  }

  /// The connection's socket (`PQsocket`), for tests that read its options.
  var socketDescriptor: Int32 { PQsocket(handle.pointer) }

  private func check(_ raw: OpaquePointer?, operation: String, secrets: [String]) throws -> PGResult
  {
    guard let raw else {
      let lost = PQstatus(handle.pointer) == CONNECTION_BAD
      throw PGError(
        kind: lost ? .connectionLost : .server, connection: handle.pointer, operation: operation,
        secrets: secrets)
    }
    let result = PGResult(raw)
    switch PQresultStatus(raw) {
    case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
      return result
    default:
      throw PGError(result: raw, connection: handle.pointer, operation: operation, secrets: secrets)
    }
  }
}

/// Calls `body` with C strings for optional values (`nil` stays a NULL pointer).
func withOptionalCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
  let copies = strings.map { $0.map { strdup($0) } ?? nil }
  defer { for copy in copies { free(copy) } }
  return body(copies.map { UnsafePointer($0) })
}
