/// The single result of every provider call.
///
/// The daemon decides what to do next from this value alone and never inspects HTTP.
/// Every row of the error table in `providers.md` maps to exactly one case.
///
/// ## Calls that move money: when it is unknown whether the call took effect
///
/// Finicity initiate, Finicity verify and Folio verify may have taken effect (deposits sent, an
/// attempt counted) although the answer says otherwise. On those calls exactly these outcomes mean
/// "unknown whether it took effect", and the daemon must reconcile (AVA account list or details;
/// Folio bank link) before sending the call again:
/// - ``reconcile(_:)`` with ``ReconcileReason/outcomeUnknown``: a 2xx whose body did not decode;
/// - ``retryLater(after:reason:)`` with ``RetryReason/timeout``, ``RetryReason/connectionFailed``
///   (both may strike after the request was sent), ``RetryReason/serverError(status:)`` (a 5xx
///   may come after the work was done) or ``RetryReason/responseTooLarge`` (the status, even a
///   2xx, was never seen).
///
/// These mean the call did *not* take effect: ``RetryReason/rateLimited`` (429),
/// ``RetryReason/throttled(code:)`` (Finicity 3300001/3000000), ``RetryReason/other(_:)`` (the
/// request was never sent: cancelled while rate limited, or the token call failed), and every
/// ``permanentFailure(_:)``, ``wrongAmounts(attemptsRemaining:)`` and ``attemptsExhausted``.
/// ``reconcile(_:)`` with ``ReconcileReason/accountAlreadyExists(code:)`` means an earlier
/// initiation took effect and this one did not.
public enum ProviderOutcome<Body: Sendable>: Sendable {
  /// The call succeeded; the typed body the provider returned.
  case success(Body)
  /// A transient problem (429, throttle codes, 5xx, timeout, connection fault). Try again later,
  /// no sooner than `after` when the provider said so (`Retry-After`).
  case retryLater(after: Duration?, reason: RetryReason)
  /// The provider's state must be read before anything else is sent (Finicity 3100001, 409, 3200002,
  /// or an undecodable success answer to a call that moves money).
  case reconcile(ReconcileReason)
  /// The amounts did not match; the customer may try again. `attemptsRemaining` when the provider says.
  case wrongAmounts(attemptsRemaining: Int?)
  /// No verification attempts are left (Finicity 3200003, Folio final failure with status D).
  case attemptsExhausted
  /// A failure that retrying cannot fix, with the provider's code and message.
  case permanentFailure(PermanentFailure)
}

extension ProviderOutcome {
  /// The body when the call succeeded, otherwise `nil`.
  public var successValue: Body? {
    if case .success(let body) = self { return body }
    return nil
  }

  /// Transforms the success body, keeping every other case unchanged.
  public func map<Other: Sendable>(_ transform: (Body) -> Other) -> ProviderOutcome<Other> {
    switch self {
    case .success(let body): return .success(transform(body))
    case .retryLater(let after, let reason): return .retryLater(after: after, reason: reason)
    case .reconcile(let reason): return .reconcile(reason)
    case .wrongAmounts(let remaining): return .wrongAmounts(attemptsRemaining: remaining)
    case .attemptsExhausted: return .attemptsExhausted
    case .permanentFailure(let failure): return .permanentFailure(failure)
    }
  }
}

extension ProviderOutcome where Body == Never {
  /// Re-types a failure outcome (which has no body) as the outcome of a call with a body.
  public func promoted<Other: Sendable>() -> ProviderOutcome<Other> {
    map { never -> Other in }
  }
}
