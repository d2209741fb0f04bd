import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import Verification

/// The one shared HTTP client both providers use. Call ``shutdown()`` before dropping it.
///
/// TLS certificates are verified (AsyncHTTPClient's default), redirects are not followed.
public final class ProviderHTTPClient: Sendable {
  let client: HTTPClient
  /// The limits in force for every call.
  public let configuration: ProviderHTTPConfiguration

  /// Creates the shared client with the connect and read timeouts from `configuration`.
  public init(configuration: ProviderHTTPConfiguration = .init()) {
    self.configuration = configuration
    var config = HTTPClient.Configuration(
      redirectConfiguration: .disallow,
      timeout: .init(
        connect: configuration.connectTimeout.timeAmount,
        read: configuration.readTimeout.timeAmount),
      decompression: .disabled
    )
    config.httpVersion = .automatic
    // No tracer, not the global no-op one: with a tracer set, every request opens a span and
    // computes its attributes (about 1.5 % of the daemon's CPU under the lifecycle benchmark,
    // docs/PERFORMANCE.md) for nobody to read.
    config.tracing.tracer = nil
    config.connectionPool = .init(
      idleTimeout: .seconds(60),
      concurrentHTTP1ConnectionsPerHostSoftLimit: configuration.connectionsPerHost)
    self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
  }

  /// Replaces ``ProviderHTTPConfiguration/requestTimeout`` for the calls made in a scope, so a
  /// test can shorten the one call under test while its setup calls keep the generous limit.
  @TaskLocal static var requestTimeoutOverride: Duration?

  /// Shuts the client down; no call may be made afterwards.
  public func shutdown() async throws {
    try await client.shutdown()
  }

  /// Sends one request and returns the raw answer or a transport failure. Never throws.
  ///
  /// The whole exchange (connect, send, head and body) is bounded by one total timeout
  /// (``TimeLimit``): past it the exchange is cancelled. AsyncHTTPClient's own deadline covers
  /// only the head, so without the limit a body that stalls after the headers would hang the call.
  func send(_ request: OutgoingRequest) async -> TransportResult {
    let outgoing = Self.prepare(request)
    let timeout = Self.requestTimeoutOverride ?? configuration.requestTimeout
    return await TimeLimit.run(timeout, expired: .failed(.timeout)) {
      await self.exchange(outgoing, timeout: timeout)
    }
  }

  /// The request as AsyncHTTPClient takes it, with `Accept` and, with a body, `Content-Type`.
  static func prepare(_ request: OutgoingRequest) -> HTTPClientRequest {
    var outgoing = HTTPClientRequest(url: request.url)
    outgoing.method = HTTPMethod(rawValue: request.method)
    outgoing.headers.add(name: "Accept", value: "application/json")
    outgoing.headers.add(name: "User-Agent", value: "verifierd-providers/1")
    for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
    if let body = request.body {
      outgoing.headers.add(name: "Content-Type", value: "application/json")
      outgoing.body = .bytes(ByteBuffer(bytes: body))
    }
    return outgoing
  }

  /// Executes and collects the body; stops early when cancelled by ``send(_:)``'s time limit.
  private func exchange(_ outgoing: HTTPClientRequest, timeout: Duration) async -> TransportResult {
    do {
      let response = try await client.execute(outgoing, timeout: timeout.timeAmount)
      let body = try await response.body.collect(upTo: configuration.maxResponseBytes)
      let headers = response.headers.map { ($0.name, $0.value) }
      return .response(
        RawResponse(
          status: Int(response.status.code), headers: headers, body: Array(body.readableBytesView))
      )
    } catch {
      return .failed(Self.classify(error))
    }
  }

  /// Sorts a transport error into a retry reason.
  static func classify(_ error: any Error) -> RetryReason {
    if error is NIOTooManyBytesError { return .responseTooLarge }
    return TransportTimeout.matches(error) ? .timeout : .connectionFailed
  }
}
