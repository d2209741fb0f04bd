import Providers
import Verification

extension ProviderOutcome {
  /// The state machine's view of this outcome, with `transform` applied to a success body.
  func callOutcome<Mapped>(_ transform: (Body) -> Mapped) -> CallOutcome<Mapped> {
    switch self {
    case .success(let body): .success(transform(body))
    case .retryLater(let after, let reason): .retryLater(after: after, reason: reason.description)
    case .reconcile(.accountAlreadyExists(let code)): .reconcile(.accountAlreadyExists(code: code))
    case .reconcile(.entriesInOtherStatus(let code, _)): .reconcile(.otherStatus(code: code))
    // The provider answered a money-moving call with a body that did not read: whether it took
    // effect is unknown, which is what the machine's retryLater means. It then reconciles (lists
    // accounts for an initiation, reads details or the bank link for a verify) before any resend.
    case .reconcile(.outcomeUnknown):
      .retryLater(after: nil, reason: ReconcileReason.outcomeUnknown.description)
    case .wrongAmounts(let remaining): .wrongAmounts(attemptsRemaining: remaining)
    case .attemptsExhausted: .attemptsExhausted
    case .permanentFailure(let failure):
      .permanentFailure(
        CallFailure(kind: failure.kind.machineKind, code: failure.code, message: failure.message))
    }
  }

  /// The HTTP status the outcome tells, when it does.
  var httpStatus: Int? {
    switch self {
    case .permanentFailure(let failure): failure.httpStatus
    case .retryLater(_, .serverError(let status)): status
    case .retryLater(_, .rateLimited): 429
    default: nil
    }
  }
}

extension PermanentFailure.Kind {
  var machineKind: CallFailure.Kind {
    switch self {
    case .invalidRequest: .invalidRequest
    case .providerRefused: .providerRefused
    case .authentication: .authentication
    }
  }
}

extension Providers.MicroEntryStatus {
  /// The machine's status; `nil` for a status this build does not know.
  var machineStatus: Verification.MicroEntryStatus? {
    switch self {
    case .pending: .pending
    case .completed: .completed
    case .verified: .verified
    case .rejected: .rejected
    case .returned: .returned
    case .failed: .failed
    case .expired: .expired
    case .unknown: nil
    }
  }
}
