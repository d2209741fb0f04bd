import CLibPQ

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
