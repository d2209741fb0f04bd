/// The one provider call a decision may end with, carrying everything its request needs.
public enum ProviderCall: Sendable, Hashable {
  /// Finicity: initiate the micro entries (after `initiating` with the attempt id is committed).
  case initiate(InitiationRequest)
  /// Finicity: read the micro-entry details of this account.
  case details(customerID: String, accountID: String)
  /// Finicity: find an account this job may have created (``AccountSearch``).
  case findAccount(AccountSearch)
  /// Send a submission's amounts (after `verifying` and `submitting` are committed).
  case verify(submissionID: Int64, VerifyRequest)
  /// Folio: read the bank link to reconcile an uncertain verify.
  case readBankLink(FolioBankLinkReference)

  /// The endpoint called (the account search starts with the account list).
  public var endpoint: Endpoint {
    switch self {
    case .initiate: .initiate
    case .details: .details
    case .findAccount: .listAccounts
    case .verify: .verify
    case .readBankLink: .bankLink
    }
  }

  /// Whether the call may move money (send deposits, spend an attempt): it runs only within the
  /// money-call budget from the commit of its intent.
  public var movesMoney: Bool {
    switch self {
    case .initiate, .verify: true
    case .details, .findAccount, .readBankLink: false
    }
  }
}
