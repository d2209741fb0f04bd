/// The reconciliation of a Finicity initiation whose result is unknown, as steps: list the
/// customer's AVA accounts, then read the details of each account that ends in the job's last
/// four digits (the list does not carry the routing number). The machine adopts an account whose
/// routing number also matches; only when none does, and the provider never said the account
/// exists, may it initiate again. This search is what prevents a second initiation.
///
/// The daemon carries the steps out: ``start`` first, then it feeds each answer back with
/// ``listed(_:)`` or ``detailsRead(_:)`` until a step is ``Step/finished(_:)``, whose outcome is
/// the machine's ``VerificationEvent/accountsListed(_:)``.
public struct AccountSearch: Sendable, Hashable {
  /// What the daemon does next.
  public enum Step: Sendable, Hashable {
    /// List the customer's AVA accounts.
    case listAccounts(customerID: String)
    /// Read the details of this account.
    case readDetails(customerID: String, accountID: String)
    /// Done: the accounts that may be this job's, or the failure that ended the search.
    case finished(CallOutcome<[AVAAccount]>)
  }

  /// The customer whose accounts are searched.
  public let customerID: String
  /// The job's last four digits.
  public let accountLast4: String
  private var candidates: [String] = []
  private var found: [AVAAccount] = []

  /// A search for the account of `customerID` ending in `accountLast4`.
  public init(customerID: String, accountLast4: String) {
    self.customerID = customerID
    self.accountLast4 = accountLast4
  }

  /// The first step: list the accounts.
  public var start: Step { .listAccounts(customerID: customerID) }

  /// The account list arrived: read the details of every account ending in the last four digits.
  /// A failed list ends the search with that failure.
  public mutating func listed(_ outcome: CallOutcome<[CustomerAccount]>) -> Step {
    guard case .success(let accounts) = outcome else { return .finished(outcome.map { _ in [] }) }
    candidates = accounts.filter { $0.matches(last4: accountLast4) }.map(\.id)
    found = []
    return next
  }

  /// The details of the first remaining candidate arrived. A permanent failure means the account
  /// is not a micro-entry account of ours (it is skipped); any other failure ends the search.
  public mutating func detailsRead(_ outcome: CallOutcome<MicroEntryDetails>) -> Step {
    guard !candidates.isEmpty else { return next }
    let accountID = candidates.removeFirst()
    switch outcome {
    case .success(let details):
      found.append(
        AVAAccount(
          accountID: accountID, routingNumber: details.routingNumber,
          accountNumberLast4: details.accountNumberLast4 ?? accountLast4))
    case .permanentFailure:
      break
    default:
      return .finished(outcome.map { _ in [] })
    }
    return next
  }

  private var next: Step {
    guard let accountID = candidates.first else { return .finished(.success(found)) }
    return .readDetails(customerID: customerID, accountID: accountID)
  }
}

extension AccountSearch {
  /// A search for the account of a Finicity job.
  init(_ party: FinicityParty) {
    self.init(customerID: party.customerID, accountLast4: party.accountLast4)
  }
}
