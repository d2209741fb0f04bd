import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import ProviderSandbox
import Testing

/// Raw HTTP against a sandbox, independent of the Providers clients (so a shared mistake shows).
struct RawSandbox {
  let server: ProviderSandboxServer
  let client: HTTPClient

  struct Answer {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]
    var json: Any? { try? JSONSerialization.jsonObject(with: Data(body)) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var text: String { String(decoding: body, as: UTF8.self) }
  }

  func send(
    _ method: HTTPMethod, _ path: String, headers: [(String, String)] = [], body: String? = nil,
    contentType: String? = "application/json"
  ) async throws
    -> Answer
  {
    try await send(
      method, path, headers: headers, bytes: body.map { Array($0.utf8) }, contentType: contentType)
  }

  /// Sends `bytes` as the body (any bytes, any length) with `contentType`, `nil` for none.
  func send(
    _ method: HTTPMethod, _ path: String, headers: [(String, String)] = [], bytes: [UInt8]?,
    contentType: String? = "application/json"
  ) async throws
    -> Answer
  {
    var request = HTTPClientRequest(url: server.baseURL + path)
    request.method = method
    for (name, value) in headers { request.headers.add(name: name, value: value) }
    if let bytes {
      if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
      request.body = .bytes(ByteBuffer(bytes: bytes))
    }
    // Generous: raw calls are setup or checks, never the faulted call under a short timeout.
    let response = try await client.execute(request, timeout: .seconds(30))
    let bytes = try await response.body.collect(upTo: 1 << 20)
    return Answer(
      status: Int(response.status.code), headers: response.headers,
      body: Array(bytes.readableBytesView))
  }

  /// A valid token made through the real token call.
  func token() async throws -> String {
    let answer = try await send(
      .POST, "/aggregation/v2/partners/authentication",
      headers: [("Finicity-App-Key", "sandbox-app-key")],
      body: #"{"partnerId":"1234583871234","partnerSecret":"sandbox-partner-secret"}"#)
    return try #require(answer.object["token"] as? String)
  }

  /// A normal call still answers: proof that a hostile request before it did not stop the
  /// sandbox (a crash would fail the token call, a hang would time it out).
  func expectStillServes(sourceLocation: SourceLocation = #_sourceLocation) async throws {
    let token = try await token()
    let list = try await send(
      .GET, "/aggregation/v1/customers/1/accounts?account_type=ava",
      headers: finicityHeaders(token))
    #expect(list.status == 200, sourceLocation: sourceLocation)
    #expect(list.object["accounts"] is [Any], sourceLocation: sourceLocation)
  }

  func finicityHeaders(_ token: String) -> [(String, String)] {
    [
      ("Finicity-App-Key", "sandbox-app-key"), ("Finicity-App-Token", token),
      ("Accept", "application/json"),
    ]
  }

  /// Initiates for `accountNumber` and returns the account id.
  func initiate(_ token: String, account: String, customer: String = "1005061234") async throws
    -> String
  {
    let body =
      #"{"receiver":{"routingNumber":"021000021","accountNumber":"\#(account)","accountType":"personalChecking","name":"Bob"}}"#
    let answer = try await send(
      .POST, "/microentry/v1/customers/\(customer)", headers: finicityHeaders(token), body: body)
    return try #require(answer.object["accountId"] as? String)
  }

  /// The sandbox's own signature, written independently of the client's FolioSigner.
  func folioHeaders(
    _ method: String, _ path: String, _ body: String, secret: String = "sandbox-folio-secret"
  )
    -> [(String, String)]
  {
    folioHeaders(method, path, bytes: Array(body.utf8), secret: secret)
  }

  /// The signature over a body of any bytes.
  func folioHeaders(
    _ method: String, _ path: String, bytes: [UInt8], secret: String = "sandbox-folio-secret"
  )
    -> [(String, String)]
  {
    let ts = String(Int(Date().timeIntervalSince1970))
    let hash = SHA256.hash(data: Data(bytes)).map { String(format: "%02x", $0) }.joined()
    let mac = HMAC<SHA256>.authenticationCode(
      for: Data("\(method)\n\(path)\n\(ts)\n\(hash)".utf8),
      using: SymmetricKey(data: Data(secret.utf8)))
    return [
      (
        "Authorization",
        "FOLIO-HMAC-SHA256 key=sandbox-folio-key, ts=\(ts), sig=\(Data(mac).base64EncodedString())"
      )
    ]
  }
}

/// Runs `body` with a fresh sandbox and a raw client, always shutting both down. Its exchanges
/// go to the contract check's capture (`SANDBOX_CAPTURE`) unless `captured` is false: tests that
/// send requests outside the spec on purpose (unknown methods, odd paths, undocumented query
/// parameters) leave the capture alone, since every captured exchange must be in the spec.
func withRawSandbox(
  _ configuration: SandboxConfiguration = SandboxConfiguration(), captured: Bool = true,
  _ body: (RawSandbox) async throws -> Void
) async throws {
  var configuration = configuration
  if captured {
    configuration.capturePath =
      configuration.capturePath ?? ProcessInfo.processInfo.environment["SANDBOX_CAPTURE"]
  }
  let server = try await ProviderSandboxServer.start(configuration)
  let client = HTTPClient(eventLoopGroupProvider: .singleton)
  do {
    try await body(RawSandbox(server: server, client: client))
  } catch {
    try await client.shutdown()
    await server.stop()
    throw error
  }
  try await client.shutdown()
  await server.stop()
}
