import JobQueue
import Logging
import Observability
import Synchronization
import Verification

/// Counts each provider's micro-entry return rate over the rolling window every
/// `watch.checkInterval` (docs/fraud.md), on a connection of its own, and sets the gauges. When a
/// provider's rate crosses the threshold it logs an `error` (the alert), and a `notice` when it
/// falls back under; in between it stays quiet.
public final class ReturnRateMonitor: Sendable {
  private let connection: PGConnection
  private let metrics: VerifierMetrics
  private let watch: ReturnRateWatch
  private let logger: Logger
  private let readings = Mutex<[ReturnRateReading]?>(nil)

  /// Creates a monitor over `database`; ``run()`` starts it.
  public init(
    database: PGConfiguration, metrics: VerifierMetrics, watch: ReturnRateWatch,
    logger: Logger = Logger(label: "verifierd.fraud")
  ) {
    connection = PGConnection(configuration: database, label: "verifierd.fraud")
    self.metrics = metrics
    self.watch = watch
    self.logger = logger
  }

  /// Counts once, sets the gauges and alerts on a crossing; returns the providers over now.
  @discardableResult
  public func check() async throws -> Set<String> {
    let counted = try await MicroEntryReport(connection: connection).returns(over: watch.window)
    let before = Set((latest ?? []).filter(\.over).map(\.provider))
    var counts: [ReturnRateReading] = []
    for provider in Provider.allCases.map(\.rawValue) {
      let row = counted.first { $0.provider == provider }
      let (initiations, returns) = (row?.initiations ?? 0, row?.returns ?? 0)
      let (rate, exceeded) = watch.assess(initiations: initiations, returns: returns)
      metrics.returnRate(
        provider: provider, initiations: initiations, rate: rate, exceeded: exceeded)
      counts.append(
        ReturnRateReading(
          provider: provider, initiations: initiations, returns: returns, rate: rate,
          over: exceeded))
      let was = before.contains(provider)
      let metadata: Logger.Metadata = [
        "provider": "\(provider)", "returns": "\(returns)", "initiations": "\(initiations)",
        "rate": "\(rate)", "threshold": "\(watch.threshold)",
        "window_days": "\(Double(watch.window.components.seconds) / 86_400)",
      ]
      if exceeded, !was {
        logger.error("micro-entry return rate over its threshold", metadata: metadata)
      } else if !exceeded, was {
        logger.notice("micro-entry return rate back under its threshold", metadata: metadata)
      }
    }
    readings.withLock { $0 = counts }
    return Set(counts.filter(\.over).map(\.provider))
  }

  /// Each provider's rate as last counted (`nil` before the first count succeeded): what the
  /// status page shows, without counting again.
  public var latest: [ReturnRateReading]? {
    readings.withLock { $0 }
  }

  /// Checks every interval until the task is cancelled, then closes its connection. A failed
  /// check is logged and the gauges keep their last values.
  public func run() async {
    while !Task.isCancelled {
      do { try await check() } catch {
        logger.warning("return rate check failed", metadata: ["error": "\(error)"])
      }
      try? await Task.sleep(for: watch.checkInterval)
    }
    await connection.close()
  }
}
