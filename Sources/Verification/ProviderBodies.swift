/// Finicity's answer to a successful initiate call.
public struct InitiatedAccount: Sendable, Hashable {
  /// The account id Finicity created for the micro entries.
  public var accountID: String

  /// Creates the answer.
  public init(accountID: String) {
    self.accountID = accountID
  }
}

/// Finicity's micro-entry status (`MicroDepositDetails.status`).
public enum MicroEntryStatus: String, Sendable, Hashable, CaseIterable {
  /// Not yet deposited.
  case pending = "Pending"
  /// Deposited: the only status in which a verify can succeed.
  case completed = "Completed"
  /// The amounts were verified.
  case verified = "Verified"
  /// The entries were rejected.
  case rejected = "Rejected"
  /// The entries were returned (ACH return).
  case returned = "Returned"
  /// The entries failed.
  case failed = "Failed"
  /// Not verified within Finicity's window.
  case expired = "Expired"
}

/// Finicity's micro-entry details; any field may be missing.
public struct MicroEntryDetails: Sendable, Hashable {
  /// The status, when present and known.
  public var status: MicroEntryStatus?
  /// Finicity's description of the status.
  public var statusDescription: String?

  /// Creates details.
  public init(status: MicroEntryStatus?, statusDescription: String? = nil) {
    self.status = status
    self.statusDescription = statusDescription
  }
}

/// One of the customer's AVA accounts, as listed for reconciliation.
public struct AVAAccount: Sendable, Hashable {
  /// Finicity's account id.
  public var accountID: String
  /// The routing number, when listed.
  public var routingNumber: String?
  /// The account number's last four digits, when listed.
  public var accountNumberLast4: String?

  /// Creates an account.
  public init(accountID: String, routingNumber: String?, accountNumberLast4: String?) {
    self.accountID = accountID
    self.routingNumber = routingNumber
    self.accountNumberLast4 = accountNumberLast4
  }
}

/// A successful verify answer (Finicity `status: Verified`, Folio `verifyStatus: true`).
public struct VerifyAnswer: Sendable, Hashable {
  /// Whether the provider said the amounts were verified.
  public var verified: Bool

  /// Creates an answer.
  public init(verified: Bool) {
    self.verified = verified
  }
}

/// A Folio bank link as read to reconcile an uncertain verify.
public struct BankLink: Sendable, Hashable {
  /// The bank link's status.
  public enum Status: String, Sendable, Hashable, CaseIterable {
    /// `A`: active.
    case active = "A"
    /// `D`: deleted (after the final failed attempt).
    case deleted = "D"
  }

  /// The status, when present and known.
  public var status: Status?
  /// `verifyStatus`, when present.
  public var verifyStatus: Bool?

  /// Creates a bank link.
  public init(status: Status?, verifyStatus: Bool?) {
    self.status = status
    self.verifyStatus = verifyStatus
  }
}
