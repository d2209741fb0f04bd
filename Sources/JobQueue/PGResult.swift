import CLibPQ

/// A query result. Owns its `PGresult` and clears it exactly once, in `deinit`.
///
/// A result is independent of its connection once received, and immutable, so it may be read from
/// any thread.
public final class PGResult: @unchecked Sendable {
  let pointer: OpaquePointer
  /// Column name to index, computed once.
  let columnIndex: [String: Int32]

  init(_ pointer: OpaquePointer) {
    self.pointer = pointer
    var index: [String: Int32] = [:]
    for column in 0..<PQnfields(pointer) {
      index[String(cString: PQfname(pointer, column))] = column
    }
    columnIndex = index
  }

  deinit {
    PQclear(pointer)
  }

  /// The number of rows.
  public var count: Int { Int(PQntuples(pointer)) }

  /// The number of rows the command touched (`UPDATE`, `DELETE`, `INSERT`), 0 if not reported.
  public var affectedRows: Int { Int(String(cString: PQcmdTuples(pointer))) ?? 0 }

  /// The row at `index`.
  public subscript(index: Int) -> PGRow { PGRow(result: self, row: Int32(index)) }

  /// All rows, in order.
  public var rows: [PGRow] { (0..<count).map { self[$0] } }
}

/// One row of a ``PGResult``, with typed column access.
public struct PGRow: Sendable {
  let result: PGResult
  let row: Int32

  /// Reads a non-NULL column; throws a decoding error naming the column when it is missing,
  /// NULL, or of a type `T` does not read.
  public func decode<T: PGDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
    guard let value = try decodeIfPresent(column, as: type) else {
      throw PGError(
        kind: .decoding, operation: "read column \(column)", message: "column \"\(column)\" is NULL"
      )
    }
    return value
  }

  /// Reads a column that may be NULL.
  public func decodeIfPresent<T: PGDecodable>(_ column: String, as type: T.Type = T.self) throws
    -> T?
  {
    guard let index = result.columnIndex[column] else {
      throw PGError(
        kind: .decoding, operation: "read column \(column)",
        message: "no column \"\(column)\" in the result")
    }
    let oid = PQftype(result.pointer, index)
    guard T.accepts(oid: oid) else {
      throw PGError(
        kind: .decoding, operation: "read column \(column)",
        message:
          "column \"\(column)\" has type \(PGType.name(of: oid)), which does not read as \(T.self)")
    }
    if PQgetisnull(result.pointer, row, index) == 1 { return nil }
    let text = String(cString: PQgetvalue(result.pointer, row, index))
    guard let value = T(pgText: text) else {
      throw PGError(
        kind: .decoding, operation: "read column \(column)",
        message:
          "column \"\(column)\" of type \(PGType.name(of: oid)) holds a value that does not read as \(T.self)"
      )
    }
    return value
  }
}
