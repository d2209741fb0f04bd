import CoreMetrics
import Metrics

extension VerifierMetrics {
  /// The fraud policy's metric names (docs/fraud.md).
  public enum FraudName {
    /// Counter, labels `rule`, `action` (`observe`, `hold`, `refuse`): velocity rules broken by
    /// jobs this daemon screened.
    public static let policyHits = "verifierd_policy_hits_total"
  }

  /// A screened job broke `rule`, which took `action`.
  public func policyHit(rule: String, action: String) {
    Counter(
      label: FraudName.policyHits, dimensions: [("rule", rule), ("action", action)],
      factory: factory
    ).increment()
  }
}
