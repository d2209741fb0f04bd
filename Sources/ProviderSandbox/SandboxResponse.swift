import Foundation

/// What the sandbox answers.
public struct SandboxResponse: Sendable {
  /// HTTP status.
  public var status: Int
  /// Headers.
  public var headers: [(String, String)]
  /// Body bytes.
  public var body: [UInt8]

  /// Creates a response.
  public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  /// A JSON response from a JSON-serialisable value.
  static func json(_ status: Int, _ value: Any) -> SandboxResponse {
    let data =
      (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]))
      ?? Data("{}".utf8)
    return SandboxResponse(
      status: status, headers: [("Content-Type", "application/json")], body: Array(data))
  }

  /// A 200 JSON response from an `Encodable` value (the control API's settings).
  static func encoded(_ value: some Encodable) -> SandboxResponse {
    let data = (try? JSONEncoder().encode(value)) ?? Data("{}".utf8)
    return SandboxResponse(
      status: 200, headers: [("Content-Type", "application/json")], body: Array(data))
  }

  /// A Finicity error `{code, message}` (code as a string, as in the official examples).
  static func finicityError(_ status: Int, code: String, _ message: String) -> SandboxResponse {
    json(status, ["code": code, "message": message])
  }

  /// A plain-text response.
  static func text(_ status: Int, _ text: String) -> SandboxResponse {
    SandboxResponse(
      status: status, headers: [("Content-Type", "text/plain")], body: Array(text.utf8))
  }
}
