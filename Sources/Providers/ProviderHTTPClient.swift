import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// The one shared HTTP client both providers use. Call ``shutdown()`` before dropping it.
///
/// TLS certificates are verified (AsyncHTTPClient's default), redirects are not followed.
public final class ProviderHTTPClient: Sendable {
  let client: HTTPClient
  /// The limits in force for every call.
  public let configuration: ProviderHTTPConfiguration

  /// Creates the shared client with the connect timeout from `configuration`.
  public init(configuration: ProviderHTTPConfiguration = .init()) {
    self.configuration = configuration
    var config = HTTPClient.Configuration(
      redirectConfiguration: .disallow,
      timeout: .init(connect: configuration.connectTimeout.timeAmount),
      decompression: .disabled
    )
    config.httpVersion = .automatic
    self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
  }

  /// Shuts the client down; no call may be made afterwards.
  public func shutdown() async throws {
    try await client.shutdown()
  }

  /// Sends one request and returns the raw answer or a transport failure. Never throws.
  func send(_ request: OutgoingRequest) async -> TransportResult {
    var outgoing = HTTPClientRequest(url: request.url)
    outgoing.method = HTTPMethod(rawValue: request.method)
    outgoing.headers.add(name: "Accept", value: "application/json")
    outgoing.headers.add(name: "User-Agent", value: "verifierd-providers/1")
    for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
    if let body = request.body {
      outgoing.headers.add(name: "Content-Type", value: "application/json")
      outgoing.body = .bytes(ByteBuffer(bytes: body))
    }
    do {
      let response = try await client.execute(
        outgoing, timeout: configuration.requestTimeout.timeAmount)
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
    if let clientError = error as? HTTPClientError {
      switch clientError {
      case .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .tlsHandshakeTimeout,
        .getConnectionFromPoolTimeout:
        return .timeout
      default:
        return .connectionFailed
      }
    }
    if let channelError = error as? ChannelError, case .connectTimeout = channelError {
      return .timeout
    }
    return .connectionFailed
  }
}

/// A request as the clients build it.
struct OutgoingRequest: Sendable {
  var method: String
  var url: String
  var headers: [(String, String)]
  var body: [UInt8]?
}

/// A complete HTTP answer.
struct RawResponse: Sendable {
  var status: Int
  var headers: [(String, String)]
  var body: [UInt8]

  func header(_ name: String) -> String? {
    headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
  }
}

/// What the transport gives back.
enum TransportResult: Sendable {
  case response(RawResponse)
  case failed(RetryReason)
}

extension Duration {
  var timeAmount: TimeAmount {
    let parts = components
    return .nanoseconds(parts.seconds * 1_000_000_000 + parts.attoseconds / 1_000_000_000)
  }
}
