import CoreMetrics
import Metrics

extension VerifierMetrics {
  /// The fleet rate limit's metric names.
  public enum RateLimitName {
    /// Counter, label `provider`: permits this daemon was granted from the fleet's limit.
    public static let permits = "verifierd_rate_limit_permits_total"
    /// Histogram (seconds), labels `provider`, `class` (`money`, `poll`, `watch`): how long calls
    /// waited for a permit.
    public static let wait = "verifierd_rate_limit_wait_seconds"
    /// Gauge, label `provider`: the fleet's current rate, calls per second.
    public static let rate = "verifierd_rate_limit_rate"
    /// Gauge, label `provider`: the configured fleet rate, calls per second.
    public static let configured = "verifierd_rate_limit_configured_rate"
    /// Gauge, label `provider`: 1 while the provider is paused after a refusal.
    public static let paused = "verifierd_rate_limit_paused"
    /// Counter, labels `provider`, `cause` (`429`, `throttle CODE`): pauses this daemon began.
    public static let pauses = "verifierd_rate_limit_pauses_total"
  }

  /// `count` permits were granted to this daemon.
  public func permitsGranted(provider: String, _ count: Int) {
    guard count > 0 else { return }
    Counter(label: RateLimitName.permits, dimensions: [("provider", provider)], factory: factory)
      .increment(by: count)
  }

  /// A call of class `priority` waited `waited` for its permit.
  public func permitWaited(provider: String, priority: String, _ waited: Duration) {
    Timer(
      label: RateLimitName.wait, dimensions: [("provider", provider), ("class", priority)],
      factory: factory
    ).recordNanoseconds(waited.nanosecondsClamped)
  }

  /// The fleet's row as last seen: its rate, the configured rate, and whether it is paused.
  public func fleetRate(provider: String, rate: Double, configured: Double, paused: Bool) {
    let label = [("provider", provider)]
    Gauge(label: RateLimitName.rate, dimensions: label, factory: factory).record(rate)
    Gauge(label: RateLimitName.configured, dimensions: label, factory: factory).record(configured)
    Gauge(label: RateLimitName.paused, dimensions: label, factory: factory).record(paused ? 1 : 0)
  }

  /// A refusal this daemon reported began a pause of `provider`.
  public func rateLimitPaused(provider: String, cause: String) {
    Counter(
      label: RateLimitName.pauses, dimensions: [("provider", provider), ("cause", cause)],
      factory: factory
    ).increment()
  }
}
