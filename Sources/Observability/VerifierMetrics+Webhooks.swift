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
    /// Gauge, label `endpoint`: deliveries not yet acknowledged, read from the database.
    public static let backlog = "verifierd_webhook_backlog"
    /// Gauge, label `endpoint`: how long the oldest pending delivery's event has waited, seconds.
    public static let oldestPending = "verifierd_webhook_oldest_pending_seconds"
    /// Gauge, label `endpoint`: deliveries given up on, read from the database.
    public static let dead = "verifierd_webhook_dead"
  }

  /// One endpoint's outbox as last read: its backlog, its oldest pending event's age, its dead.
  public func webhookOutbox(endpoint: String, pending: Int, oldestPendingSeconds: Double, dead: Int)
  {
    let label = [("endpoint", endpoint)]
    Gauge(label: WebhookName.backlog, dimensions: label, factory: factory).record(pending)
    Gauge(label: WebhookName.oldestPending, dimensions: label, factory: factory)
      .record(oldestPendingSeconds)
    Gauge(label: WebhookName.dead, dimensions: label, factory: factory).record(dead)
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
