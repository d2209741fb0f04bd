/// One line of a job's history in `verifier.events`. Never holds secrets, full account numbers
/// or amounts.
public struct JobEvent: Sendable, Equatable, Codable {
  /// What happened: `state_change`, `provider_call`, `retry`, `lease_rescued`, ...
  public var kind: String
  /// The state before.
  public var fromState: String?
  /// The state after.
  public var toState: String?
  /// `finicity` or `folio`, for provider calls.
  public var provider: String?
  /// The call, such as `initiate` or `verify`.
  public var endpoint: String?
  /// The HTTP status, when a response arrived.
  public var httpStatus: Int?
  /// The provider's error code, compared as text.
  public var providerCode: String?
  /// How long the call took.
  public var latencyMilliseconds: Int?
  /// A short human-readable note.
  public var message: String?

  /// Creates an event.
  public init(
    kind: String, fromState: String? = nil, toState: String? = nil, provider: String? = nil,
    endpoint: String? = nil, httpStatus: Int? = nil, providerCode: String? = nil,
    latencyMilliseconds: Int? = nil, message: String? = nil
  ) {
    self.kind = kind
    self.fromState = fromState
    self.toState = toState
    self.provider = provider
    self.endpoint = endpoint
    self.httpStatus = httpStatus
    self.providerCode = providerCode
    self.latencyMilliseconds = latencyMilliseconds
    self.message = message
  }
}
