/// The single result of every provider call: the clients return it, the machine decides from it
/// alone and never sees HTTP.
///
/// ## Calls that move money: when it is unknown whether the call took effect
///
/// Finicity initiate, Finicity verify and Folio verify may have taken effect (deposits sent, an
/// attempt counted) although the answer says otherwise. On those calls exactly these outcomes
/// mean "unknown whether it took effect", and the machine reconciles (AVA account list or details;
/// Folio bank link) before sending the call again:
/// - ``reconcile(_:)`` with ``ReconcileCause/outcomeUnknown``: a 2xx whose body did not decode;
/// - ``retryLater(after:reason:)`` with ``RetryReason/timeout``, ``RetryReason/connectionFailed``
///   (both may strike after the request was sent), ``RetryReason/serverError(status:)`` (a 5xx may
///   come after the work was done) or ``RetryReason/responseTooLarge`` (the status, even a 2xx,
///   was never seen).
///
/// These mean the call did *not* take effect: ``RetryReason/rateLimited`` (429),
/// ``RetryReason/throttled(code:)`` (Finicity 3300001/3000000), ``RetryReason/other(_:)`` (the
/// request was never sent: cancelled while rate limited, or the token call failed), and every
/// ``permanentFailure(_:)``, ``wrongAmounts(attemptsRemaining:)`` and ``attemptsExhausted``.
/// ``reconcile(_:)`` with ``ReconcileCause/accountAlreadyExists(code:)`` means an earlier
/// initiation took effect and this one did not.
public enum CallOutcome<Body: Sendable & Hashable>: Sendable, Hashable {
  /// The call succeeded with this body.
  case success(Body)
  /// A transient failure (429, throttle codes, 5xx, timeout, connection fault). No sooner than
  /// `after` when given (`Retry-After`).
  case retryLater(after: Duration?, reason: RetryReason)
  /// The provider's state must be read before anything else is sent.
  case reconcile(ReconcileCause)
  /// The amounts did not match; the attempts left when the provider says (Folio).
  case wrongAmounts(attemptsRemaining: Int?)
  /// No verification attempts are left (Finicity 3200003, Folio final failure).
  case attemptsExhausted
  /// A failure retrying cannot fix.
  case permanentFailure(CallFailure)
}

extension CallOutcome {
  /// The body when the call succeeded, otherwise `nil`.
  public var successValue: Body? {
    if case .success(let body) = self { return body }
    return nil
  }

  /// Transforms the success body, keeping every other case unchanged.
  public func map<Other>(_ transform: (Body) -> Other) -> CallOutcome<Other> {
    switch self {
    case .success(let body): .success(transform(body))
    case .retryLater(let after, let reason): .retryLater(after: after, reason: reason)
    case .reconcile(let cause): .reconcile(cause)
    case .wrongAmounts(let remaining): .wrongAmounts(attemptsRemaining: remaining)
    case .attemptsExhausted: .attemptsExhausted
    case .permanentFailure(let failure): .permanentFailure(failure)
    }
  }

  /// The result kind, for metrics.
  public var result: CallResult {
    switch self {
    case .success: .success
    case .retryLater: .retryLater
    case .reconcile: .reconcile
    case .wrongAmounts: .wrongAmounts
    case .attemptsExhausted: .attemptsExhausted
    case .permanentFailure: .permanentFailure
    }
  }

  /// The HTTP status the outcome tells, when it does (a success's exact 2xx is not kept).
  public var httpStatus: Int? {
    switch self {
    case .permanentFailure(let failure): failure.httpStatus
    case .retryLater(_, .serverError(let status)): status
    case .retryLater(_, .rateLimited): 429
    default: nil
    }
  }

  /// An undecodable answer to a money-moving call is "result unknown", which the machine treats
  /// as a transient failure of that call: reconciled when due, never resent blindly.
  var resultUnknownAsRetry: CallOutcome {
    guard case .reconcile(.outcomeUnknown) = self else { return self }
    return .retryLater(after: nil, reason: .other(ReconcileCause.outcomeUnknown.description))
  }
}

extension CallOutcome where Body == Never {
  /// Re-types a failure outcome (which has no body) as the outcome of a call with a body.
  public func promoted<Other>() -> CallOutcome<Other> {
    map { never -> Other in }
  }
}
