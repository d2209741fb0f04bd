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

  /// Query parameters, decoded (``SandboxQuery``); empty when the query is malformed.
  var queryItems: [String: String] { SandboxQuery(query)?.items ?? [:] }
}
