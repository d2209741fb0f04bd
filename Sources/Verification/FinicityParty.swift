/// A Finicity job's business columns: what its requests need and what reconciliation matches on.
public struct FinicityParty: Sendable, Hashable {
  /// The Finicity customer id (`customer_id`).
  public var customerID: String
  /// The account holder's name (`receiver_name`).
  public var receiverName: String
  /// The nine-digit routing number (`routing_number`).
  public var routingNumber: String
  /// The account number's last four digits (`account_last4`), to match when reconciling.
  public var accountLast4: String
  /// The full account number while the initiation still needs it (`account_number`); `nil` once
  /// cleared.
  public var accountNumber: AccountNumber?
  /// The receiver's account type (`account_type`, mapped by ``FinicityAccountType/init(column:)``).
  public var accountType: FinicityAccountType

  /// Creates the columns of a Finicity job.
  public init(
    customerID: String, receiverName: String, routingNumber: String, accountLast4: String,
    accountNumber: AccountNumber?, accountType: FinicityAccountType = .personalChecking
  ) {
    self.customerID = customerID
    self.receiverName = receiverName
    self.routingNumber = routingNumber
    self.accountLast4 = accountLast4
    self.accountNumber = accountNumber
    self.accountType = accountType
  }
}
