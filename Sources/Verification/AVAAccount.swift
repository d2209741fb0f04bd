/// One of the customer's AVA accounts that may be this job's, as found by ``AccountSearch``.
public struct AVAAccount: Sendable, Hashable {
  /// Finicity's account id.
  public var accountID: String
  /// The routing number, when known.
  public var routingNumber: String?
  /// The account number's last four digits, when known.
  public var accountNumberLast4: String?

  /// Creates an account.
  public init(accountID: String, routingNumber: String?, accountNumberLast4: String?) {
    self.accountID = accountID
    self.routingNumber = routingNumber
    self.accountNumberLast4 = accountNumberLast4
  }
}
