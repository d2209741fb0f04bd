import CoreMetrics
import Metrics

extension VerifierMetrics {
  /// The fraud policy's metric names (docs/fraud.md).
  public enum FraudName {
    /// Counter, labels `rule`, `action` (`observe`, `hold`, `refuse`): velocity rules broken by
    /// jobs this daemon screened.
    public static let policyHits = "verifierd_policy_hits_total"
    /// Gauge, label `provider`: returned and rejected micro-entries over those initiated in the
    /// return-rate window, read from the database.
    public static let returnRate = "verifierd_micro_entry_return_rate"
    /// Gauge, label `provider`: 1 while the return rate is over its threshold (with enough
    /// initiations to judge), else 0.
    public static let returnRateExceeded = "verifierd_micro_entry_return_rate_exceeded"
    /// Gauge, label `provider`: micro-entries initiated in the return-rate window.
    public static let initiations = "verifierd_micro_entry_initiations"
  }

  /// `provider`'s return rate as last counted over the window.
  public func returnRate(provider: String, initiations: Int, rate: Double, exceeded: Bool) {
    let label = [("provider", provider)]
    Gauge(label: FraudName.returnRate, dimensions: label, factory: factory).record(rate)
    Gauge(label: FraudName.returnRateExceeded, dimensions: label, factory: factory)
      .record(exceeded ? 1 : 0)
    Gauge(label: FraudName.initiations, dimensions: label, factory: factory).record(initiations)
  }

  /// A screened job broke `rule`, which took `action`.
  public func policyHit(rule: String, action: String) {
    Counter(
      label: FraudName.policyHits, dimensions: [("rule", rule), ("action", action)],
      factory: factory
    ).increment()
  }
}
