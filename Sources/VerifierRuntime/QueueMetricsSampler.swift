import JobQueue
import Logging
import Observability
import Synchronization

/// Refreshes the queue gauges (jobs per provider and state, jobs due, the oldest due job's lag,
/// each webhook endpoint's backlog, oldest pending event and dead deliveries)
/// from the database every `interval`, on a connection of its own so the claim path never waits
/// for it. The figures are the whole queue's, the same from every daemon sharing the database.
public final class QueueMetricsSampler: Sendable {
  private struct Key: Hashable {
    var provider: String
    var state: String
  }

  private let connection: PGConnection
  private let metrics: VerifierMetrics
  private let interval: Duration
  private let logger: Logger
  // States seen since start: one that empties is set to zero rather than left at its last count.
  private let seen = Mutex<Set<Key>>([])

  /// Creates a sampler over `database`; ``run()`` starts it.
  public init(
    database: PGConfiguration, metrics: VerifierMetrics, interval: Duration = .seconds(15),
    logger: Logger = Logger(label: "verifierd.metrics")
  ) {
    connection = PGConnection(configuration: database, label: "verifierd.metrics")
    self.metrics = metrics
    self.interval = interval
    self.logger = logger
  }

  /// Reads the queue once and sets the gauges.
  public func sample() async throws {
    let status = try await JobAdmin(connection: connection).status()
    var counts: [Key: Int] = [:]
    for entry in status.states {
      counts[Key(provider: entry.provider, state: entry.state), default: 0] += entry.count
    }
    let all = seen.withLock { seen in
      seen.formUnion(counts.keys)
      return seen
    }
    for key in all {
      metrics.jobs(provider: key.provider, state: key.state, count: counts[key] ?? 0)
    }
    metrics.queue(dueNow: status.dueNow, oldestDueLagSeconds: status.oldestDueLagSeconds)
    for endpoint in try await OutboxAdmin(connection: connection).status() {
      metrics.webhookOutbox(
        endpoint: endpoint.endpoint, pending: endpoint.pending,
        oldestPendingSeconds: endpoint.oldestPendingSeconds, dead: endpoint.dead)
    }
  }

  /// Samples every `interval` until the task is cancelled, then closes its connection. A failed
  /// sample is logged and the gauges keep their last values.
  public func run() async {
    while !Task.isCancelled {
      do { try await sample() } catch {
        logger.warning("queue metrics sample failed", metadata: ["error": "\(error)"])
      }
      try? await Task.sleep(for: interval)
    }
    await connection.close()
  }
}
