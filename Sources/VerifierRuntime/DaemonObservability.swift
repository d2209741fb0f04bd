import JobQueue
import Logging
import Observability
import Prometheus
import Synchronization
import Verification

/// What `verifierd run` serves for operators, started together: a Prometheus registry with the
/// daemon's metrics, the queue gauges sampled from the database, and the loopback HTTP endpoint
/// (`/metrics`, `/healthz`, `/readyz` answered by ``DatabaseReadiness``, and the status pages
/// at `/` and `/jobs/ID` from ``DatabaseStatusPages``).
///
/// Pass ``metrics`` to ``VerifierRuntime``'s initialiser;
/// call ``stop()`` once the runtime has drained.
public final class DaemonObservability: Sendable {
  /// The registry `/metrics` exposes.
  public let registry: PrometheusCollectorRegistry
  /// The daemon's metrics, recording into ``registry``.
  public let metrics: VerifierMetrics
  /// The HTTP endpoint (its bound port in `server.port`).
  public let server: ObservabilityServer
  private let readiness: DatabaseReadiness
  private let pages: DatabaseStatusPages
  private let sampling: Task<Void, Never>
  private let draining: DrainFlag

  private init(
    registry: PrometheusCollectorRegistry, metrics: VerifierMetrics, server: ObservabilityServer,
    readiness: DatabaseReadiness, pages: DatabaseStatusPages, sampling: Task<Void, Never>,
    draining: DrainFlag
  ) {
    self.pages = pages
    self.draining = draining
    self.registry = registry
    self.metrics = metrics
    self.server = server
    self.readiness = readiness
    self.sampling = sampling
  }

  /// Starts sampling the queue every `sampleInterval`, checking the return rate by
  /// `returnRate`, and serving on `host`:`port` (loopback only unless `allowNonLoopback`);
  /// returns once the endpoint listens. The status page names `instance` as its server.
  public static func start(
    host: String = "127.0.0.1", port: Int, database: PGConfiguration,
    instance: String = "verifierd",
    allowNonLoopback: Bool = false, sampleInterval: Duration = .seconds(15),
    returnRate: ReturnRateWatch = ReturnRateWatch(),
    logger: Logger = Logger(label: "verifierd.observability")
  ) async throws -> DaemonObservability {
    let registry = PrometheusCollectorRegistry()
    let metrics = VerifierMetrics(factory: VerifierMetrics.prometheusFactory(registry: registry))
    let readiness = DatabaseReadiness(database: database)
    let draining = DrainFlag()
    let monitor = ReturnRateMonitor(
      database: database, metrics: metrics, watch: returnRate,
      logger: Logger(label: "verifierd.fraud"))
    let pages = DatabaseStatusPages(
      database: database, instance: instance, watch: returnRate,
      returnRates: { monitor.latest })
    let server = try await ObservabilityServer.start(
      host: host, port: port, registry: registry, allowNonLoopback: allowNonLoopback,
      readiness: {
        draining.isSet ? .notReady(reason: "draining") : await readiness.check()
      }, pages: pages, logger: logger)
    let sampler = QueueMetricsSampler(
      database: database, metrics: metrics, interval: sampleInterval, logger: logger)
    let sampling = Task {
      await withDiscardingTaskGroup { group in
        group.addTask { await sampler.run() }
        group.addTask { await monitor.run() }
      }
    }
    return DaemonObservability(
      registry: registry, metrics: metrics, server: server, readiness: readiness,
      pages: pages, sampling: sampling, draining: draining)
  }

  /// From now on `/readyz` answers 503 `draining` (the daemon takes no new work).
  public func markDraining() {
    draining.set()
  }

  /// Stops the endpoint and the sampling, and closes their connections.
  public func stop() async {
    await server.stop()
    sampling.cancel()
    await sampling.value
    await readiness.close()
    await pages.close()
  }
}
