import JobQueue

/// How the daemon delivers webhooks (`webhooks.*` in the configuration): the endpoints, the
/// retry policy, and the delivery worker's bounds.
public struct WebhookSettings: Sendable, Equatable {
  /// The endpoints; none (the default) sends nothing and writes no outbox rows.
  public var endpoints: [WebhookEndpoint]
  /// What becomes of a delivery after each attempt.
  public var policy: WebhookRetryPolicy
  /// Deliveries in flight at once, all endpoints together.
  public var maxInFlight: Int
  /// How long a claimed delivery is this daemon's before another may take it over.
  public var leaseDuration: Duration
  /// How often deliveries are looked for without a wake-up (other daemons' events, retries).
  public var pollInterval: Duration

  /// Creates settings.
  public init(
    endpoints: [WebhookEndpoint] = [], policy: WebhookRetryPolicy = WebhookRetryPolicy(),
    maxInFlight: Int = 16, leaseDuration: Duration = .seconds(60),
    pollInterval: Duration = .seconds(1)
  ) {
    self.endpoints = endpoints
    self.policy = policy
    self.maxInFlight = maxInFlight
    self.leaseDuration = leaseDuration
    self.pollInterval = pollInterval
  }

  /// The rule between the keys: a delivery's lease outlasts two of its POSTs, so a delivery in
  /// flight is never taken over by another daemon (which would send it twice at once). `nil`
  /// when it holds.
  public var problem: String? {
    guard let longest = endpoints.map(\.timeout).max(), leaseDuration <= longest * 2 else {
      return nil
    }
    return "webhooks.lease_seconds must be more than twice the longest endpoint timeout"
  }

  /// Which endpoints hear which events, for the write-back and the prompt sweep.
  public var subscriptions: OutboxSubscriptions {
    OutboxSubscriptions(endpoints.map { ($0.name, $0.types) })
  }
}
