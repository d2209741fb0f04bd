/// The single result of every provider call.
///
/// The daemon decides what to do next from this value alone and never inspects HTTP.
/// Every row of the error table in `providers.md` maps to exactly one case.
public enum ProviderOutcome<Body: Sendable>: Sendable {
  /// The call succeeded; the typed body the provider returned.
  case success(Body)
  /// A transient problem (429, throttle codes, 5xx, timeout, connection fault). Try again later,
  /// no sooner than `after` when the provider said so (`Retry-After`).
  case retryLater(after: Duration?, reason: RetryReason)
  /// The provider's state must be read before anything else is sent (Finicity 3100001, 409, 3200002).
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
