/// What happened to a job: the input of ``VerificationMachine/decide(_:on:context:)``.
public enum VerificationEvent: Sendable, Hashable {
  /// The daemon claimed the job because it is due (its `run_at` passed, a submission arrived, a
  /// cancel was requested, or the local expiry was reached): decide what to do next.
  /// `submissions` are the job's unfinished submissions (`pending` and `submitting`), in any
  /// order.
  case due(submissions: [Submission])
  /// The result of ``ProviderCall/initiate(_:)``.
  case initiated(CallOutcome<InitiatedAccount>)
  /// The result of ``ProviderCall/details(customerID:accountID:)``.
  case detailsRead(CallOutcome<MicroEntryDetails>)
  /// The result of ``ProviderCall/findAccount(_:)``.
  case accountsListed(CallOutcome<[AVAAccount]>)
  /// The result of ``ProviderCall/verify(submissionID:_:)``.
  case verifyAnswered(CallOutcome<VerifyAnswer>)
  /// The result of ``ProviderCall/readBankLink(_:)``.
  case bankLinkRead(CallOutcome<BankLink>)

  /// The "result unknown" answer to a call that was not sent within its budget or was cancelled
  /// at its deadline: the machine then reconciles after the settle delay, never resends blindly.
  public static func resultUnknown(of call: ProviderCall, reason: String) -> VerificationEvent {
    let outcome = RetryReason.other(reason)
    switch call {
    case .initiate: return .initiated(.retryLater(after: nil, reason: outcome))
    case .verify: return .verifyAnswered(.retryLater(after: nil, reason: outcome))
    case .details: return .detailsRead(.retryLater(after: nil, reason: outcome))
    case .findAccount: return .accountsListed(.retryLater(after: nil, reason: outcome))
    case .readBankLink: return .bankLinkRead(.retryLater(after: nil, reason: outcome))
    }
  }

  /// The result kind of the provider call this event reports; `nil` for `due`.
  public var callResult: CallResult? {
    switch self {
    case .initiated(let outcome): outcome.result
    case .detailsRead(let outcome): outcome.result
    case .accountsListed(let outcome): outcome.result
    case .verifyAnswered(let outcome): outcome.result
    case .bankLinkRead(let outcome): outcome.result
    case .due: nil
    }
  }

  /// The HTTP status the call's outcome tells, when it does.
  public var httpStatus: Int? {
    switch self {
    case .initiated(let outcome): outcome.httpStatus
    case .detailsRead(let outcome): outcome.httpStatus
    case .accountsListed(let outcome): outcome.httpStatus
    case .verifyAnswered(let outcome): outcome.httpStatus
    case .bankLinkRead(let outcome): outcome.httpStatus
    case .due: nil
    }
  }
}
