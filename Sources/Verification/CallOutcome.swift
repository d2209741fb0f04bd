/// The result of one provider call, mirroring the providers module's outcome (this module
/// imports no other): the daemon translates one into the other.
public enum CallOutcome<Body: Sendable & Hashable>: Sendable, Hashable {
  /// The call succeeded with this body.
  case success(Body)
  /// A transient failure (429, throttle codes, 5xx, timeout, connection fault): the call may or
  /// may not have reached the provider. No sooner than `after` when given (`Retry-After`).
  case retryLater(after: Duration?, reason: String)
  /// The provider's state must be read before anything else is sent.
  case reconcile(ReconcileCause)
  /// The amounts did not match; the attempts left when the provider says (Folio).
  case wrongAmounts(attemptsRemaining: Int?)
  /// No verification attempts are left (Finicity 3200003, Folio final failure).
  case attemptsExhausted
  /// A failure retrying cannot fix.
  case permanentFailure(CallFailure)
}

/// Why the provider's state must be read before acting.
public enum ReconcileCause: Sendable, Hashable {
  /// Finicity 3100001: the account was already initiated; find it, never send again.
  case accountAlreadyExists(code: String)
  /// Finicity 3200002: the micro entries are in another status; re-read them.
  case otherStatus(code: String)

  /// The provider's code.
  public var code: String {
    switch self {
    case .accountAlreadyExists(let code), .otherStatus(let code): code
    }
  }
}

/// A permanent provider failure, with the provider's code and message.
public struct CallFailure: Sendable, Hashable {
  /// The class of permanent failure.
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    /// The request was wrong: the job ends `invalid_request`.
    case invalidRequest
    /// The provider refused a well-formed request: the job ends `provider_failed`.
    case providerRefused
    /// Our credentials or permissions are wrong: `provider_failed` plus an alert event.
    case authentication
  }

  /// The class of failure.
  public var kind: Kind
  /// The provider's code as text, when given.
  public var code: String?
  /// The provider's message, when given (never our secrets).
  public var message: String?

  /// Creates a failure.
  public init(kind: Kind, code: String? = nil, message: String? = nil) {
    self.kind = kind
    self.code = code
    self.message = message
  }
}
