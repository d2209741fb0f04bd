/// One entry of the customer's AVA account list (the fields reconciliation needs).
///
/// Its description and mirror show only the id and the last four digits: `number` may be the
/// full account number.
public struct CustomerAccount: Sendable, Hashable, CustomStringConvertible,
  CustomDebugStringConvertible, CustomReflectable
{
  /// The account id (the one initiate returned).
  public var id: String
  /// The account number as Finicity sends it; it may be the full number. Never log it.
  public var number: String?
  /// Last four digits, when given (`realAccountNumberLast4`).
  public var realAccountNumberLast4: String?
  /// Display form of the account number (`accountNumberDisplay`).
  public var accountNumberDisplay: String?

  /// Creates an entry.
  public init(
    id: String, number: String? = nil, realAccountNumberLast4: String? = nil,
    accountNumberDisplay: String? = nil
  ) {
    self.id = id
    self.number = number
    self.realAccountNumberLast4 = realAccountNumberLast4
    self.accountNumberDisplay = accountNumberDisplay
  }

  /// Whether this account ends in the given last four digits.
  public func matches(last4: String) -> Bool {
    realAccountNumberLast4 == last4 || accountNumberDisplay?.hasSuffix(last4) == true
      || number?.hasSuffix(last4) == true
  }

  /// The last four digits, from whichever field gives them.
  public var last4: String? {
    realAccountNumberLast4 ?? accountNumberDisplay.map { String($0.suffix(4)) }
      ?? number.map { String($0.suffix(4)) }
  }

  /// A redacted text form, safe for logs.
  public var description: String { "CustomerAccount(\(id), account …\(last4 ?? "?"))" }
  /// Same as `description`.
  public var debugDescription: String { description }
  /// A mirror without the account number, so `dump` stays redacted.
  public var customMirror: Mirror { Mirror(self, children: ["id": id, "last4": last4 ?? "?"]) }
}
