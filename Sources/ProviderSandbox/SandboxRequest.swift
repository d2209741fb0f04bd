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
