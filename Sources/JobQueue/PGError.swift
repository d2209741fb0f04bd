import CLibPQ
import Foundation

/// An error from PostgreSQL or from this library's use of it.
///
/// It carries what an operator needs (the operation, SQLSTATE, message, detail, hint, and the
/// table, column and constraint when the server names them) and never a password or a statement
/// parameter: values the caller bound are scrubbed from every text field, and server details that
/// echo row values (`Failing row contains (...)`, `Key (...)=(...)`) are withheld.
public struct PGError: Error, Sendable, CustomStringConvertible {
  /// What went wrong, broadly.
  public enum Kind: String, Sendable {
    /// Could not connect (or reconnect) to the server.
    case connection
    /// The connection was lost while a statement ran; whether it took effect is unknown.
    case connectionLost
    /// The server refused the statement (see ``PGError/sqlState``).
    case server
    /// A result column could not be read as the requested type.
    case decoding
  }

  /// What went wrong, broadly.
  public var kind: Kind
  /// The operation that failed, named by the caller (for example `claim jobs`).
  public var operation: String
  /// The five-character SQLSTATE code, when the server sent one.
  public var sqlState: String?
  /// The primary message.
  public var message: String
  /// The server's detail, when it holds no row values.
  public var detail: String?
  /// The server's hint.
  public var hint: String?
  /// The table the server named, if any.
  public var table: String?
  /// The column the server named, if any.
  public var column: String?
  /// The constraint the server named, if any.
  public var constraint: String?

  /// Creates an error; text fields are stored as given (callers scrub them).
  public init(
    kind: Kind, operation: String, sqlState: String? = nil, message: String,
    detail: String? = nil, hint: String? = nil, table: String? = nil, column: String? = nil,
    constraint: String? = nil
  ) {
    self.kind = kind
    self.operation = operation
    self.sqlState = sqlState
    self.message = message
    self.detail = detail
    self.hint = hint
    self.table = table
    self.column = column
    self.constraint = constraint
  }

  /// True for errors after which the connection is gone (the next use reconnects).
  public var isConnectionProblem: Bool { kind == .connection || kind == .connectionLost }

  /// True when the server refused a statement for the data it carries (SQLSTATE classes 22,
  /// data exception, and 23, integrity constraint violation): trying the same again fails the
  /// same way, unlike a timeout, a deadlock or a lost connection.
  public var refusesData: Bool {
    kind == .server && (sqlState?.hasPrefix("22") == true || sqlState?.hasPrefix("23") == true)
  }

  /// A one-line description: operation, SQLSTATE, message, detail and hint.
  public var description: String {
    var text = "\(operation) failed"
    if let sqlState { text += " [\(sqlState)]" }
    text += ": \(message)"
    if let detail { text += " (detail: \(detail))" }
    if let hint { text += " (hint: \(hint))" }
    return text
  }
}

extension PGError {
  /// Builds an error from a failed result, scrubbing the given parameter values.
  init(result: OpaquePointer, connection: OpaquePointer?, operation: String, secrets: [String]) {
    func field(_ code: Character) -> String? {
      guard let raw = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
      return String(cString: raw)
    }
    let lost = connection.map { PQstatus($0) == CONNECTION_BAD } ?? false
    // Messages raised by schema verifier's own functions never echo values; keep them whole.
    let trusted = field("s") == "verifier" && (field("M")?.hasPrefix("verifier.") ?? false)
    let scrub = Scrubber(secrets: trusted ? [] : secrets)
    let message =
      field("M") ?? connection.map { PGError.trimmed(String(cString: PQerrorMessage($0))) }
      ?? "unknown error"
    self.init(
      kind: lost ? .connectionLost : .server,
      operation: operation,
      sqlState: field("C"),
      message: scrub(message),
      detail: field("D").flatMap { Scrubber.echoesRowValues($0) ? nil : scrub($0) },
      hint: field("H").map { scrub($0) },
      table: field("t"),
      column: field("c"),
      constraint: field("n")
    )
  }

  /// Builds an error from a connection's last message (failed connects, lost connections).
  init(kind: Kind, connection: OpaquePointer, operation: String, secrets: [String] = []) {
    let scrub = Scrubber(secrets: secrets)
    self.init(
      kind: kind, operation: operation,
      message: scrub(PGError.trimmed(String(cString: PQerrorMessage(connection)))))
  }

  static func trimmed(_ text: String) -> String {
    let lines = text.split(whereSeparator: \.isNewline).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    let joined = lines.filter { !$0.isEmpty }.joined(separator: "; ")
    return joined.isEmpty ? "no message from libpq" : joined
  }
}
