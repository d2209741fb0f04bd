/// Finicity's answer to a successful initiate call.
public struct InitiatedAccount: Sendable, Hashable {
  /// The account id Finicity created for the micro entries.
  public var accountID: String

  /// Creates the answer.
  public init(accountID: String) {
    self.accountID = accountID
  }
}
