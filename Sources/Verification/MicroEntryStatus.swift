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
