import Verification

/// Which webhook endpoints hear which events: the write-back and the prompt sweep append one
/// `verifier.outbox` row per event and subscribed endpoint. Empty (the default) writes no
/// outbox rows and costs the hot path nothing.
public struct OutboxSubscriptions: Sendable, Equatable {
  /// The endpoints' names, by event type, each list sorted.
  public private(set) var endpoints: [WebhookEventType: [String]]

  /// Subscriptions from each endpoint's name and the event types it takes.
  public init(_ endpoints: [(name: String, types: Set<WebhookEventType>)] = []) {
    var byType: [WebhookEventType: [String]] = [:]
    for endpoint in endpoints {
      for type in endpoint.types { byType[type, default: []].append(endpoint.name) }
    }
    self.endpoints = byType.mapValues { Array(Set($0)).sorted() }
  }

  /// No endpoint hears anything.
  public static let none = OutboxSubscriptions()

  /// Whether no endpoint hears anything.
  public var isEmpty: Bool { endpoints.isEmpty }

  /// The endpoints that hear `type`.
  public func endpoints(for type: WebhookEventType) -> [String] { endpoints[type] ?? [] }
}
