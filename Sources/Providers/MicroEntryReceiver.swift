/// The account that receives the micro entries.
public struct MicroEntryReceiver: Sendable, Hashable, Encodable, CustomStringConvertible,
  CustomDebugStringConvertible, CustomReflectable
{
  /// Nine-digit ABA routing number.
  public var routingNumber: String
  /// Full account number; never printed.
  public var accountNumber: String
  /// Account type.
  public var accountType: FinicityAccountType
  /// Name of the account holder.
  public var name: String
  /// Optional transaction memo.
  public var memo: String?

  /// Creates a receiver.
  public init(
    routingNumber: String, accountNumber: String, accountType: FinicityAccountType, name: String,
    memo: String? = nil
  ) {
    self.routingNumber = routingNumber
    self.accountNumber = accountNumber
    self.accountType = accountType
    self.name = name
    self.memo = memo
  }

  /// The last four digits of the account number (what may be logged).
  public var accountNumberLast4: String { String(accountNumber.suffix(4)) }

  /// A redacted text form, safe for logs.
  public var description: String {
    "Receiver(routing \(routingNumber), account …\(accountNumberLast4))"
  }
  /// Same as `description`: redacted, safe for logs.
  public var debugDescription: String { description }
  /// A mirror without secrets, full account numbers or amounts, so `dump` stays redacted.
  public var customMirror: Mirror {
    Mirror(
      self,
      children: [
        "routingNumber": routingNumber, "accountNumberLast4": accountNumberLast4,
        "accountType": accountType,
      ])
  }
}
