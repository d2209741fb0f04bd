import AsyncHTTPClient
import Metrics
import NIOCore
import NIOPosix
import Observability
import Prometheus
import Synchronization
import Testing

@Suite("Observability server over real HTTP: /healthz, /readyz, /metrics")
struct ObservabilityServerTests {
  /// A readiness answer the test changes between requests.
  final class Switch: Sendable {
    let answer = Mutex<Readiness>(.ready)
  }

  /// Status and body of `GET path`.
  static func get(_ server: ObservabilityServer, _ path: String) async throws -> (Int, String) {
    let request = HTTPClientRequest(url: "http://127.0.0.1:\(server.port)\(path)")
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
    let body = try await response.body.collect(upTo: 1 << 22)
    return (Int(response.status.code), String(buffer: body))
  }

  static func withServer(
    registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
    readinessTimeout: Duration = .seconds(5),
    readiness: @escaping @Sendable () async -> Readiness = { .ready },
    _ body: (ObservabilityServer) async throws -> Void
  ) async throws {
    let server = try await ObservabilityServer.start(
      port: 0, registry: registry, readinessTimeout: readinessTimeout, readiness: readiness)
    do { try await body(server) } catch {
      await server.stop()
      throw error
    }
    await server.stop()
  }

  @Test("port 0 binds a free port; /healthz answers 200 ok; unknown paths 404")
  func healthz() async throws {
    try await Self.withServer { server in
      #expect(server.port > 0)
      let (status, body) = try await Self.get(server, "/healthz")
      #expect(status == 200)
      #expect(body == "ok\n")
      #expect(try await Self.get(server, "/nothing").0 == 404)
    }
  }

  @Test("/readyz follows the injected check: 200 when ready, 503 with the reason when not")
  func readyz() async throws {
    let state = Switch()
    let readiness: @Sendable () async -> Readiness = { state.answer.withLock { $0 } }
    try await Self.withServer(readiness: readiness) { server in
      let ready = try await Self.get(server, "/readyz")
      #expect(ready.0 == 200)
      #expect(ready.1 == "ready\n")
      state.answer.withLock { $0 = .notReady(reason: "migrations pending") }
      let pending = try await Self.get(server, "/readyz")
      #expect(pending.0 == 503)
      #expect(pending.1 == "not ready: migrations pending\n")
      state.answer.withLock { $0 = .ready }
      #expect(try await Self.get(server, "/readyz").0 == 200)
    }
  }

  @Test("/readyz answers 503 when the check outlasts its timeout")
  func readyzTimeout() async throws {
    let never: @Sendable () async -> Readiness = {
      // Parks until the probe cancels it (or an hour passes); the probe does not wait for it.
      try? await Task.sleep(for: .seconds(3600))
      return .ready
    }
    try await Self.withServer(readinessTimeout: .milliseconds(100), readiness: never) { server in
      let (status, body) = try await Self.get(server, "/readyz")
      #expect(status == 503)
      #expect(body == "not ready: readiness check timed out\n")
    }
  }

  @Test("/metrics serves the registry's exposition, with what was recorded")
  func metrics() async throws {
    let registry = PrometheusCollectorRegistry()
    let metrics = VerifierMetrics(factory: VerifierMetrics.prometheusFactory(registry: registry))
    try await Self.withServer(registry: registry) { server in
      metrics.providerCall(
        provider: "folio", endpoint: "verify", result: .success, latency: .milliseconds(30),
        httpStatus: nil)
      metrics.claimed(batchSize: 3, rescued: 1)
      let request = HTTPClientRequest(url: "http://127.0.0.1:\(server.port)/metrics")
      let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
      #expect(response.status.code == 200)
      #expect(response.headers.first(name: "content-type")?.hasPrefix("text/plain") == true)
      let text = String(buffer: try await response.body.collect(upTo: 1 << 22))
      #expect(
        text.contains(
          #"verifierd_provider_calls_total{provider="folio",endpoint="verify",result="success"} 1"#)
      )
      #expect(text.contains("verifierd_lease_rescues_total 1"))
      #expect(text.contains("verifierd_claim_batch_size_count 1"))
    }
  }

  @Test("stop: the server no longer answers once stop returns")
  func stops() async throws {
    // A reason no other server gives, so a port picked again by another test cannot pass for ours.
    let mark = "stopped-server-\(UInt64.random(in: 0...UInt64.max))"
    let server = try await ObservabilityServer.start(
      port: 0, registry: PrometheusCollectorRegistry(), readiness: { .notReady(reason: mark) })
    #expect(try await Self.get(server, "/readyz") == (503, "not ready: \(mark)\n"))
    await server.stop()
    // A bare TCP connect is refused at once when nothing listens (an HTTP client would retry);
    // if something else took the port meanwhile, it must not be this server answering.
    let connected = try? await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .connect(host: "127.0.0.1", port: server.port).get()
    if let connected {
      try? await connected.close()
      let answer = try? await Self.get(server, "/readyz")
      #expect(answer?.1.contains(mark) != true)
    }
  }

  @Test("a non-loopback address is refused unless allowed")
  func loopbackOnly() async throws {
    await #expect(throws: ObservabilityServer.StartError.notLoopback(host: "0.0.0.0")) {
      try await ObservabilityServer.start(
        host: "0.0.0.0", port: 0, registry: PrometheusCollectorRegistry(), readiness: { .ready })
    }
    for host in ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"] {
      #expect(ObservabilityServer.isLoopback(host), "\(host)")
    }
    for host in ["0.0.0.0", "10.0.0.1", "::", "example.com", "127.0.0", "1270.0.0.1", ""] {
      #expect(!ObservabilityServer.isLoopback(host), "\(host)")
    }
  }
}
