/// One row for `verifier.events`: never secrets, amounts or account numbers.
public struct EventRecord: Sendable, Hashable {
  /// The kind.
  public var kind: EventKind
  /// The state before, for state changes.
  public var fromState: JobState?
  /// The state after, for state changes.
  public var toState: JobState?
  /// The provider.
  public var provider: Provider
  /// The endpoint, for provider calls, retries and reconciles.
  public var endpoint: Endpoint?
  /// The provider's code or status, when there is one.
  public var providerCode: String?
  /// A short human-readable message.
  public var message: String?

  /// Creates a record.
  public init(
    kind: EventKind, fromState: JobState? = nil, toState: JobState? = nil, provider: Provider,
    endpoint: Endpoint? = nil, providerCode: String? = nil, message: String? = nil
  ) {
    self.kind = kind
    self.fromState = fromState
    self.toState = toState
    self.provider = provider
    self.endpoint = endpoint
    self.providerCode = providerCode
    self.message = message
  }
}
