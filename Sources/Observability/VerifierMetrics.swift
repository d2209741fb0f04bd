import CoreMetrics
import Metrics
import Verification

/// Every metric the daemon emits, named and created in one place, over a `MetricsFactory` (the
/// global `MetricsSystem.factory` by default; tests pass their own).
///
/// Labels are fixed words only (provider, endpoint and state names, result kinds), never job ids,
/// accounts, amounts or anything else of unbounded cardinality. Each metric always has the same
/// label names, as Prometheus requires.
public struct VerifierMetrics: Sendable {
  /// The metric names (Prometheus conventions, `verifierd_` prefix).
  public enum Name {
    /// Gauge, labels `provider`, `state`: live jobs per state, read from the database.
    public static let jobs = "verifierd_jobs"
    /// Gauge: live jobs due now, read from the database.
    public static let jobsDue = "verifierd_jobs_due"
    /// Gauge: how long the oldest due job has waited past its run time, in seconds.
    public static let queueLag = "verifierd_queue_lag_seconds"
    /// Counter, labels `provider`, `from`, `to`: state changes this daemon committed.
    public static let transitions = "verifierd_transitions_total"
    /// Counter, labels `provider`, `outcome`: jobs this daemon finished.
    public static let finished = "verifierd_jobs_finished_total"
    /// Counter, labels `provider`, `endpoint`, `result`: provider calls made.
    public static let providerCalls = "verifierd_provider_calls_total"
    /// Histogram (seconds), labels `provider`, `endpoint`: provider call latency.
    public static let providerCallDuration = "verifierd_provider_call_duration_seconds"
    /// Counter, labels `provider`, `endpoint`: calls the provider answered with HTTP 429.
    public static let rateLimited = "verifierd_provider_rate_limited_total"
    /// Counter, labels `provider`, `endpoint`: transient failures scheduled for a retry.
    public static let retries = "verifierd_provider_retries_total"
    /// Histogram: jobs taken per claim round trip (0 when nothing was due).
    public static let claimBatchSize = "verifierd_claim_batch_size"
    /// Counter: claimed jobs whose previous lease had expired (a daemon died or stalled).
    public static let leaseRescues = "verifierd_lease_rescues_total"
    /// Counter, label `detected_by` (`renewal` or `write`): leases this daemon lost to another.
    public static let leasesLost = "verifierd_leases_lost_total"
  }

  /// How a lost lease was noticed (the same loss may be noticed both ways).
  public enum LeaseLossDetection: String, Sendable {
    /// A lease renewal found the lease gone.
    case renewal
    /// A write-back found the lease gone.
    case write
  }

  /// The factory every metric is made with.
  public let factory: any MetricsFactory
  private let claimBatch: Recorder
  private let rescues: Counter
  private let due: Gauge
  private let lag: Gauge

  /// Creates the metrics over `factory`.
  public init(factory: any MetricsFactory = MetricsSystem.factory) {
    self.factory = factory
    claimBatch = Recorder(label: Name.claimBatchSize, aggregate: true, factory: factory)
    rescues = Counter(label: Name.leaseRescues, factory: factory)
    due = Gauge(label: Name.jobsDue, factory: factory)
    lag = Gauge(label: Name.queueLag, factory: factory)
  }

  /// One claim round trip took `batchSize` jobs, `rescued` of them from expired leases.
  public func claimed(batchSize: Int, rescued: Int) {
    claimBatch.record(batchSize)
    if rescued > 0 { rescues.increment(by: rescued) }
  }

  /// A provider call returned (or was given up) after `latency`.
  public func providerCall(
    provider: String, endpoint: String, result: CallResult, latency: Duration, httpStatus: Int?
  ) {
    let call = [("provider", provider), ("endpoint", endpoint)]
    Counter(
      label: Name.providerCalls, dimensions: call + [("result", result.rawValue)], factory: factory
    ).increment()
    Timer(label: Name.providerCallDuration, dimensions: call, factory: factory)
      .recordNanoseconds(latency.nanosecondsClamped)
    if httpStatus == 429 {
      Counter(label: Name.rateLimited, dimensions: call, factory: factory).increment()
    }
  }

  /// A transient failure of `endpoint` was scheduled for a retry.
  public func retry(provider: String, endpoint: String) {
    Counter(
      label: Name.retries, dimensions: [("provider", provider), ("endpoint", endpoint)],
      factory: factory
    ).increment()
  }

  /// A job's state change from `from` to `to` was committed.
  public func transition(provider: String, from: String, to: String) {
    Counter(
      label: Name.transitions, dimensions: [("provider", provider), ("from", from), ("to", to)],
      factory: factory
    ).increment()
  }

  /// A job finished with `outcome`.
  public func finished(provider: String, outcome: String) {
    Counter(
      label: Name.finished, dimensions: [("provider", provider), ("outcome", outcome)],
      factory: factory
    ).increment()
  }

  /// `count` leases were found taken over by another daemon.
  public func leasesLost(_ count: Int, detectedBy detection: LeaseLossDetection) {
    guard count > 0 else { return }
    Counter(
      label: Name.leasesLost, dimensions: [("detected_by", detection.rawValue)], factory: factory
    ).increment(by: count)
  }

  /// Live jobs in one state of one provider (set zero for states that emptied).
  public func jobs(provider: String, state: String, count: Int) {
    Gauge(
      label: Name.jobs, dimensions: [("provider", provider), ("state", state)], factory: factory
    )
    .record(count)
  }

  /// The due jobs and the oldest one's lag.
  public func queue(dueNow: Int, oldestDueLagSeconds: Double) {
    due.record(dueNow)
    lag.record(oldestDueLagSeconds)
  }
}

extension Duration {
  /// Whole nanoseconds, clamped to `Int64`.
  var nanosecondsClamped: Int64 {
    let (seconds, attoseconds) = components
    let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
    if overflow { return seconds < 0 ? .min : .max }
    let (sum, overflowSum) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000)
    return overflowSum ? (seconds < 0 ? .min : .max) : sum
  }
}
