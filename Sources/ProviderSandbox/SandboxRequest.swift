import Foundation

/// A request as the sandbox sees it, independent of the HTTP server.
public struct SandboxRequest: Sendable {
  /// Upper-case method.
  public var method: String
  /// Path without query, as sent (percent escapes kept).
  public var path: String
  /// Raw query string, empty when none.
  public var query: String
  /// Headers with lower-cased names.
  public var headers: [String: String]
  /// Body bytes; empty when ``bodyTooLarge``.
  public var body: [UInt8]
  /// Whether the body was longer than the sandbox reads (1 MiB): the call is then refused with
  /// the provider's documented 400, and none of the body is kept.
  public var bodyTooLarge: Bool

  /// Creates a request; a `body` longer than the limit is dropped and marked ``bodyTooLarge``.
  public init(
    method: String, path: String, query: String, headers: [String: String], body: [UInt8],
    bodyTooLarge: Bool = false
  ) {
    self.method = method.uppercased()
    self.path = path
    self.query = query
    self.headers = headers
    let tooLarge = bodyTooLarge || body.count > SandboxRequestRules.bodyLimit
    self.body = tooLarge ? [] : body
    self.bodyTooLarge = tooLarge
  }

  /// Creates a request from header fields as they came (any case, repeated names allowed): a
  /// name sent more than once has its values joined with `", "`, as HTTP defines.
  public init(
    method: String, path: String, query: String, headerFields: [(String, String)],
    body: [UInt8], bodyTooLarge: Bool = false
  ) {
    var headers: [String: String] = [:]
    for (name, value) in headerFields {
      let key = name.lowercased()
      headers[key] = headers[key].map { $0 + ", " + value } ?? value
    }
    self.init(
      method: method, path: path, query: query, headers: headers, body: body,
      bodyTooLarge: bodyTooLarge)
  }

  /// A header by lower-cased name.
  func header(_ name: String) -> String? { headers[name.lowercased()] }

  /// Query parameters, decoded (``SandboxQuery``); empty when the query is malformed, which
  /// ``SandboxRequestRules`` refuses before any handler reads it.
  var queryItems: [String: String] { SandboxQuery(query)?.items ?? [:] }
}
