/// Everything Finicity's initiate needs: the customer and the receiving account.
public struct InitiationRequest: Sendable, Hashable {
  /// The Finicity customer id.
  public var customerID: String
  /// The nine-digit routing number.
  public var routingNumber: String
  /// The full account number (redacted in every description).
  public var accountNumber: AccountNumber
  /// The receiver's account type.
  public var accountType: FinicityAccountType
  /// The account holder's name.
  public var receiverName: String
  /// The attempt this initiation belongs to (committed as `attempt_id` before the call).
  public var attemptID: AttemptID

  /// Creates a request.
  public init(
    customerID: String, routingNumber: String, accountNumber: AccountNumber,
    accountType: FinicityAccountType, receiverName: String, attemptID: AttemptID
  ) {
    self.customerID = customerID
    self.routingNumber = routingNumber
    self.accountNumber = accountNumber
    self.accountType = accountType
    self.receiverName = receiverName
    self.attemptID = attemptID
  }
}
