import AsyncHTTPClient
import Foundation
import JobQueue
import NIOCore
import NIOHTTP1
import Providers

/// POSTs deliveries, signed, with an HTTP client of its own (never the providers', so a slow
/// receiver never holds a provider call's connection). TLS certificates are verified, redirects
/// are not followed (a redirect is a refusal), and each POST, body included, is bounded by its
/// endpoint's timeout. Call ``shutdown()`` before dropping it.
public final class WebhookSender: Sendable {
  let client: HTTPClient
  /// The most of a receiver's answer that is read (and then dropped: only the status counts).
  static let maxAnswerBytes = 64 * 1024

  /// Creates a sender with connections for up to `connectionsPerHost` deliveries at once.
  public init(connectionsPerHost: Int = 16) {
    var config = HTTPClient.Configuration(
      redirectConfiguration: .disallow, decompression: .disabled)
    config.tracing.tracer = nil
    config.connectionPool = .init(
      idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: connectionsPerHost)
    client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
  }

  /// Shuts the client down; nothing may be sent afterwards.
  public func shutdown() async throws {
    try await client.shutdown()
  }

  /// The request for `delivery` to `endpoint`, signed at `timestamp` (seconds since 1970).
  static func request(_ delivery: OutboxDelivery, to endpoint: WebhookEndpoint, timestamp: Int64)
    -> HTTPClientRequest
  {
    let body = Array(delivery.body.utf8)
    let signature = WebhookSignature(
      secret: Array(endpoint.secret.revealed.utf8), timestamp: timestamp, body: body)
    var request = HTTPClientRequest(url: endpoint.url)
    request.method = .POST
    request.headers.add(name: "Content-Type", value: "application/json")
    request.headers.add(name: "User-Agent", value: "verifierd-webhooks/1")
    request.headers.add(name: WebhookSignature.header, value: signature.headerValue)
    request.body = .bytes(ByteBuffer(bytes: body))
    return request
  }

  /// POSTs `delivery` to `endpoint`, signed now; never throws.
  public func send(_ delivery: OutboxDelivery, to endpoint: WebhookEndpoint) async
    -> WebhookAttemptResult
  {
    let request = Self.request(
      delivery, to: endpoint, timestamp: Int64(Date().timeIntervalSince1970.rounded(.down)))
    let client = client
    return await TimeLimit.run(endpoint.timeout, expired: .timedOut) {
      do {
        let response = try await client.execute(request, timeout: endpoint.timeout.timeAmount)
        // Read what the receiver said (bounded) so the connection can be reused; only the
        // status counts.
        _ = try? await response.body.collect(upTo: Self.maxAnswerBytes)
        return .answered(Int(response.status.code))
      } catch {
        return Self.classify(error)
      }
    }
  }

  /// A transport error as a result: a short cause with no URL or host in it.
  static func classify(_ error: any Error) -> WebhookAttemptResult {
    if TransportTimeout.matches(error) || error is CancellationError { return .timedOut }
    if let clientError = error as? HTTPClientError {
      switch clientError {
      case .remoteConnectionClosed: return .failed("the receiver closed the connection")
      case .invalidURL, .emptyHost, .emptyScheme:
        return .failed("the endpoint's URL is not usable")
      default: return .failed("the request failed")
      }
    }
    return .failed("the connection could not be made")
  }
}
