import Webhooks

extension ConfigurationKey {
  /// The delivery worker's settings; the endpoints themselves are `webhooks.endpoints.<name>.*`
  /// (``WebhookEndpointKeys``), read from the file, their secrets as credentials.
  static let webhooks: [ConfigurationKey] = [
    .init(
      "webhooks.retry_window_seconds", .seconds(0.001...(90 * 86_400)),
      default: .of(WebhookRetryPolicy().window), live: false,
      "how long after an event its delivery is retried before it is dead",
      .field(\.webhooks.policy.window)),
    .init(
      "webhooks.retry_initial_seconds", .seconds(0.001...86_400),
      default: .of(WebhookRetryPolicy().backoff.initial), live: false,
      "first retry's jitter ceiling; it doubles after each failed attempt",
      .field(\.webhooks.policy.backoff.initial)),
    .init(
      "webhooks.retry_max_seconds", .seconds(0.001...86_400),
      default: .of(WebhookRetryPolicy().backoff.maximum), live: false,
      "largest retry jitter ceiling", .field(\.webhooks.policy.backoff.maximum)),
    .init(
      "webhooks.max_in_flight", .integer(1...1024), default: .of(WebhookSettings().maxInFlight),
      live: false, "webhook deliveries in flight at once, all endpoints together",
      .field(\.webhooks.maxInFlight)),
    .init(
      "webhooks.lease_seconds", .seconds(1...86_400),
      default: .of(WebhookSettings().leaseDuration), live: false,
      "a claimed delivery's lease; more than twice the longest endpoint timeout",
      .field(\.webhooks.leaseDuration)),
    .init(
      "webhooks.poll_interval_seconds", .seconds(0.01...3600),
      default: .of(WebhookSettings().pollInterval), live: false,
      "how often deliveries are looked for without a wake-up (retries, other daemons' events)",
      .field(\.webhooks.pollInterval)),
  ]
}
