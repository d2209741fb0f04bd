/// The kind of a `verifier.events` row written by the machine.
public enum EventKind: String, Sendable, Hashable, CaseIterable {
  /// The job's state changed (`from_state`, `to_state`).
  case stateChange = "state_change"
  /// A provider call returned (`endpoint`, `provider_code`, a short summary).
  case providerCall = "provider_call"
  /// A transient failure: the call is retried later.
  case retry
  /// The provider's state is read before acting (after a crash, a timeout, 3100001, 3200002).
  case reconcile
  /// A submission was refused without spending an attempt.
  case submissionRefused = "submission_refused"
  /// Something an operator must look at (authentication failures, impossible inputs).
  case alert
  /// A result arrived that the job's state does not expect; it was ignored.
  case ignored
}

/// The provider endpoint an event is about.
public enum Endpoint: String, Sendable, Hashable, CaseIterable {
  /// Finicity initiate.
  case initiate
  /// Finicity details.
  case details
  /// Finicity or Folio verify.
  case verify
  /// Finicity list AVA accounts.
  case listAccounts = "list_accounts"
  /// Folio read bank link.
  case bankLink = "bank_link"
}

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
