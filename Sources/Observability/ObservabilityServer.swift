import Hummingbird
import Logging
import NIOCore
import Prometheus
import ServiceLifecycle

/// The daemon's HTTP endpoint for operators and orchestration, bound to loopback:
///
/// - `GET /metrics`: the Prometheus text exposition of a `PrometheusCollectorRegistry`;
/// - `GET /healthz`: `200 ok` while the process runs;
/// - `GET /readyz`: `200 ready` when the injected check says so, else `503` with its reason;
/// - `GET /` and `GET /jobs/ID`: the status pages, when ``StatusPages`` are given
///   (docs/status-page.md), served with a content security policy that allows no script and no
///   outside resource.
///
/// ``start(host:port:registry:allowNonLoopback:readinessTimeout:readiness:logger:)`` returns
/// once the server listens (port 0 picks a free port, reported in ``port``); ``stop()`` returns
/// once it no longer does.
public final class ObservabilityServer: Sendable {
  /// Why the server did not start.
  public enum StartError: Error, Equatable, CustomStringConvertible {
    /// The host is not a loopback address and non-loopback binding was not allowed.
    case notLoopback(host: String)
    /// The server could not bind or start.
    case failed(String)

    /// A one-line description.
    public var description: String {
      switch self {
      case .notLoopback(let host):
        "refusing to serve metrics on \(host): not a loopback address"
      case .failed(let reason): "the metrics server did not start: \(reason)"
      }
    }
  }

  /// The bound host.
  public let host: String
  /// The bound port (the one picked when started with port 0).
  public let port: Int
  private let group: ServiceGroup
  private let task: Task<Void, any Error>

  private init(host: String, port: Int, group: ServiceGroup, task: Task<Void, any Error>) {
    self.host = host
    self.port = port
    self.group = group
    self.task = task
  }

  /// Starts serving on `host`:`port` and returns once the server listens.
  ///
  /// - Parameters:
  ///   - allowNonLoopback: serve on an address other than loopback (the endpoint has no
  ///     authentication; only for a network you trust).
  ///   - readinessTimeout: how long `/readyz` waits for `readiness` before answering 503.
  ///   - readiness: whether the daemon can do its work; its reasons are shown as they are.
  ///   - pages: the status pages (none served when `nil`).
  public static func start(
    host: String = "127.0.0.1", port: Int, registry: PrometheusCollectorRegistry,
    allowNonLoopback: Bool = false, readinessTimeout: Duration = .seconds(5),
    readiness: @escaping @Sendable () async -> Readiness, pages: (any StatusPages)? = nil,
    logger: Logger = Logger(label: "verifierd.observability")
  ) async throws -> ObservabilityServer {
    guard allowNonLoopback || isLoopback(host) else { throw StartError.notLoopback(host: host) }
    let router = Router()
    router.get("metrics") { _, _ in
      var headers = HTTPFields()
      headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
      return Response(
        status: .ok, headers: headers,
        body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
    }
    router.get("healthz") { _, _ in plain(.ok, "ok") }
    router.get("readyz") { _, _ in
      switch await ReadinessProbe.run(readiness, timeout: readinessTimeout) {
      case .ready: plain(.ok, "ready")
      case .notReady(let reason): plain(.serviceUnavailable, "not ready: \(reason)")
      }
    }
    if let pages {
      router.get("/") { _, _ in html(await pages.overview()) }
      router.get("jobs/:id") { _, context in
        guard let id = context.parameters.get("id", as: Int64.self), id > 0 else {
          return plain(.notFound, "no such job")
        }
        return html(await pages.job(id: id))
      }
    }
    let (bound, continuation) = AsyncStream<Result<Int, StartError>>.makeStream()
    let app = Application(
      router: router, configuration: .init(address: .hostname(host, port: port)),
      onServerRunning: { channel in
        if let port = channel.localAddress?.port {
          continuation.yield(.success(port))
        } else {
          continuation.yield(.failure(.failed("no local address")))
        }
      },
      logger: logger)
    let group = ServiceGroup(
      configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
    let task = Task {
      do {
        try await group.run()
      } catch {
        continuation.yield(.failure(.failed("\(error)")))
        throw error
      }
      continuation.yield(.failure(.failed("stopped before it listened")))
    }
    var results = bound.makeAsyncIterator()
    switch await results.next() ?? .failure(.failed("stopped before it listened")) {
    case .success(let port):
      logger.info("metrics and health endpoints listening", metadata: ["port": "\(port)"])
      return ObservabilityServer(host: host, port: port, group: group, task: task)
    case .failure(let error):
      task.cancel()
      _ = try? await task.value
      throw error
    }
  }

  /// Stops the server gracefully (requests under way are answered) and returns once it no
  /// longer listens.
  public func stop() async {
    await group.triggerGracefulShutdown()
    _ = try? await task.value
  }

  /// Whether `host` names a loopback address (`localhost`, `127.0.0.0/8`, `::1`).
  public static func isLoopback(_ host: String) -> Bool {
    let bare =
      host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    if bare.lowercased() == "localhost" || bare == "::1" || bare == "0:0:0:0:0:0:0:1" {
      return true
    }
    let octets = bare.split(separator: ".", omittingEmptySubsequences: false)
    guard octets.count == 4 else { return false }
    let values = octets.compactMap { UInt8($0) }
    return values.count == 4 && values[0] == 127
  }

  /// The content security policy of the status pages: inline style only, no script, no frame,
  /// no form, nothing fetched (the icon is an empty `data:` URL).
  public static let pagePolicy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none';"
    + " form-action 'none'; frame-ancestors 'none'"

  private static func html(_ answer: StatusPageAnswer) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = "text/html; charset=utf-8"
    headers[.contentSecurityPolicy] = pagePolicy
    headers[.cacheControl] = "no-store"
    headers[.xContentTypeOptions] = "nosniff"
    return Response(
      status: HTTPResponse.Status(code: answer.status), headers: headers,
      body: .init(byteBuffer: ByteBuffer(string: answer.html)))
  }

  private static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = "text/plain; charset=utf-8"
    return Response(
      status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
  }
}
