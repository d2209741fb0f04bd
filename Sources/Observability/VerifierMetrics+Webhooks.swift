import CoreMetrics
import Metrics

extension VerifierMetrics {
  /// The webhook deliveries' metric names.
  public enum WebhookName {
    /// Counter, labels `endpoint`, `result` (`delivered`, `retry`, `dead`): delivery attempts
    /// this daemon made.
    public static let deliveries = "verifierd_webhook_deliveries_total"
    /// Histogram (seconds), label `endpoint`: how long one POST took.
    public static let duration = "verifierd_webhook_delivery_duration_seconds"
  }

  /// One delivery attempt to `endpoint` came to `result` after `took`.
  public func webhookDelivery(endpoint: String, result: String, took: Duration) {
    Counter(
      label: WebhookName.deliveries, dimensions: [("endpoint", endpoint), ("result", result)],
      factory: factory
    ).increment()
    Timer(label: WebhookName.duration, dimensions: [("endpoint", endpoint)], factory: factory)
      .recordNanoseconds(took.nanosecondsClamped)
  }
}
