import CLibPQ

/// A query result. Owns its `PGresult` and clears it exactly once, in `deinit`.
///
/// A result is independent of its connection once received, and immutable, so it may be read from
/// any thread: it has no mutable state for a run-time check to guard (only `let`s), which is what
/// the `@unchecked Sendable` (for the `OpaquePointer`) rests on.
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
