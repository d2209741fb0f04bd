/// HTTP limits applied to every provider call.
public struct ProviderHTTPConfiguration: Sendable, Hashable {
  /// Time allowed to open a connection (TCP and TLS).
  public var connectTimeout: Duration
  /// Time allowed for the whole call, from sending to the last byte of the response body.
  public var requestTimeout: Duration
  /// Longest silence allowed between two reads on a connection (a stalled response).
  public var readTimeout: Duration
  /// Largest response body accepted; larger bodies are treated as a transient failure.
  public var maxResponseBytes: Int
  /// HTTP/1 connections kept per provider host. Calls beyond it queue for a connection, so the
  /// daemon sets it to its `max_in_flight`.
  public var connectionsPerHost: Int

  /// Creates a configuration; defaults are 5 s to connect, 30 s in all, 10 s between reads,
  /// 1 MiB of body, 8 connections per host.
  public init(
    connectTimeout: Duration = .seconds(5),
    requestTimeout: Duration = .seconds(30),
    readTimeout: Duration = .seconds(10),
    maxResponseBytes: Int = 1 << 20,
    connectionsPerHost: Int = 8
  ) {
    self.connectTimeout = connectTimeout
    self.requestTimeout = requestTimeout
    self.readTimeout = readTimeout
    self.maxResponseBytes = maxResponseBytes
    self.connectionsPerHost = max(1, connectionsPerHost)
  }
}
