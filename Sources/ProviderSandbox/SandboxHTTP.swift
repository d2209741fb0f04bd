import Foundation

/// A request as the sandbox sees it, independent of the HTTP server.
public struct SandboxRequest: Sendable {
  /// Upper-case method.
  public var method: String
  /// Path without query.
  public var path: String
  /// Raw query string, empty when none.
  public var query: String
  /// Headers with lower-cased names.
  public var headers: [String: String]
  /// Body bytes.
  public var body: [UInt8]

  /// Creates a request.
  public init(method: String, path: String, query: String, headers: [String: String], body: [UInt8])
  {
    self.method = method.uppercased()
    self.path = path
    self.query = query
    self.headers = headers
    self.body = body
  }

  /// A header by lower-cased name.
  func header(_ name: String) -> String? { headers[name.lowercased()] }

  /// Query parameters (no percent-decoding beyond `+`; the sandbox's parameters are plain).
  var queryItems: [String: String] {
    var items: [String: String] = [:]
    for pair in query.split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1)
      let value =
        parts.count > 1 ? String(parts[1]).removingPercentEncoding ?? String(parts[1]) : ""
      items[String(parts[0])] = value
    }
    return items
  }
}

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

/// How the server must deliver an answer.
public enum SandboxAction: Sendable {
  /// Send this response.
  case respond(SandboxResponse)
  /// Send nothing for this long (longer than the client's timeout), then a 504.
  case hang(Duration)
  /// Start a response and cut the connection.
  case reset
}

/// The engine's decision for one request: an optional delay, then an action.
public struct SandboxPlan: Sendable {
  /// Latency to add before acting.
  public var delay: Duration
  /// What to do.
  public var action: SandboxAction
}

/// Parses a JSON body into a dictionary, or nil.
func jsonObject(_ body: [UInt8]) -> [String: Any]? {
  (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
}
