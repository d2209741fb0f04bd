import AsyncHTTPClient
import Foundation
import NIOCore

/// The sandbox's control API (`/_sandbox/...`), as the demo's and the benchmark's customers use
/// it.
public struct SandboxControl: Sendable {
  /// The sandbox's base URL.
  public let baseURL: String
  /// The client the calls go through.
  public let http: HTTPClient

  /// A control client for the sandbox at `baseURL`.
  public init(baseURL: String, http: HTTPClient) {
    self.baseURL = baseURL
    self.http = http
  }

  /// Sends a control request and returns the decoded JSON object.
  @discardableResult
  public func call(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws
    -> [String: Any]
  {
    var request = HTTPClientRequest(url: baseURL + path)
    request.method = .init(rawValue: method)
    if let body {
      request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
      request.headers.add(name: "Content-Type", value: "application/json")
    }
    let response = try await http.execute(request, timeout: .seconds(10))
    let bytes = try await response.body.collect(upTo: 1 << 20)
    return (try? JSONSerialization.jsonObject(with: Data(bytes.readableBytesView)))
      as? [String: Any]
      ?? [:]
  }

  /// Seeds a Folio bank link with random amounts.
  public func seedBankLink(oid: String, account: String, owner: String) async throws {
    try await call(
      "POST", "/_sandbox/folio/banklinks",
      ["accountNumber": account, "ownerLoginId": owner, "bankLinkOid": oid])
  }

  /// The two amounts in cents the customer sees on the statement.
  public func amounts(finicityAccount id: String) async throws -> [Int] {
    try await call("GET", "/_sandbox/finicity/accounts/\(id)")["amountsCents"] as? [Int] ?? []
  }

  /// The two amounts in cents of each of `ids` the sandbox knows, in one request.
  public func amounts(finicityAccounts ids: [String]) async throws -> [String: [Int]] {
    try await call("POST", "/_sandbox/finicity/amounts", ["accountIds": ids])["amountsCents"]
      as? [String: [Int]] ?? [:]
  }

  /// The two amounts in cents of a Folio bank link.
  public func amounts(bankLink oid: String) async throws -> [Int] {
    try await call("GET", "/_sandbox/folio/banklinks/\(oid)")["amountsCents"] as? [Int] ?? []
  }
}
