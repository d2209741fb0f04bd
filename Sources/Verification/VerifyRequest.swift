/// Everything a verify needs, per provider: where to send the amounts, and the amounts.
public enum VerifyRequest: Sendable, Hashable {
  /// Finicity: the customer's micro-entry account.
  case finicity(customerID: String, accountID: String, amounts: AmountPair)
  /// Folio: the bank link.
  case folio(FolioBankLinkReference, amounts: AmountPair)

  /// The amounts sent.
  public var amounts: AmountPair {
    switch self {
    case .finicity(_, _, let amounts), .folio(_, let amounts): amounts
    }
  }
}
