/// A Folio job's business columns: the bank link its verify and reads address.
public struct FolioBankLinkReference: Sendable, Hashable {
  /// The Folio account number (`folio_account_number`), part of every request path.
  public var accountNumber: AccountNumber
  /// The bank link (`bank_link_oid`).
  public var bankLinkOID: String
  /// The bank link owner's login id (`owner_login_id`), sent with the verify.
  public var ownerLoginID: String

  /// Creates the columns of a Folio job.
  public init(accountNumber: AccountNumber, bankLinkOID: String, ownerLoginID: String) {
    self.accountNumber = accountNumber
    self.bankLinkOID = bankLinkOID
    self.ownerLoginID = ownerLoginID
  }
}
