import JobQueue
import Logging
import Observability
import VerifierConfiguration
import Webhooks

extension VerifierRuntime {
  /// The delivery worker for `configuration`'s endpoints, on a connection of its own; `nil`
  /// when none is configured.
  static func makeDeliverer(
    _ configuration: RuntimeConfiguration, metrics: VerifierMetrics, logger: Logger
  ) -> WebhookDeliverer? {
    guard !configuration.webhooks.endpoints.isEmpty else { return nil }
    // The claim's index fills with the entries of deliveries done since the last vacuum: plan
    // it as the ordered index scan that marks them dead as it passes (docs/PERFORMANCE.md).
    var database = configuration.database
    database.withoutBitmapScans = true
    let store = OutboxStore(
      connection: PGConnection(configuration: database, label: "verifierd.webhooks"),
      instance: configuration.instance)
    return WebhookDeliverer(store: store, settings: configuration.webhooks, logger: logger) {
      completion, took in
      let result =
        switch completion.status {
        case .delivered: "delivered"
        case .pending: "retry"
        case .dead: "dead"
        }
      metrics.webhookDelivery(endpoint: completion.delivery.endpoint, result: result, took: took)
    }
  }
}
