/// One account from the customer's AVA account list (the fields reconciliation needs).
///
/// Its description and mirror show only the id and the last four digits.
public struct FinicityCustomerAccount: Sendable, Hashable, Decodable, CustomStringConvertible,
  CustomDebugStringConvertible, CustomReflectable
{
  /// The account id (the one initiate returned).
  public var id: String
  /// The account number as Finicity sends it: the spec does not say it is masked, so it may be
  /// the full number. Never log it; use ``matches(last4:)``.
  public var number: String?
  /// Last four digits, when given.
  public var realAccountNumberLast4: String?
  /// Display form of the account number.
  public var accountNumberDisplay: String?
  /// Account name.
  public var name: String?
  /// Aggregation status.
  public var status: String?
  /// Creation time, Unix seconds.
  public var createdDate: Int64?

  enum CodingKeys: String, CodingKey {
    case id, number, realAccountNumberLast4, accountNumberDisplay, name, status, createdDate
  }

  /// Decodes Finicity's JSON leniently (ids as string or number, missing fields as `nil`).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(FlexibleText.self, forKey: .id).text
    number = try c.decodeIfPresent(String.self, forKey: .number)
    realAccountNumberLast4 = try c.decodeIfPresent(String.self, forKey: .realAccountNumberLast4)
    accountNumberDisplay = try c.decodeIfPresent(String.self, forKey: .accountNumberDisplay)
    name = try c.decodeIfPresent(String.self, forKey: .name)
    status = try c.decodeIfPresent(String.self, forKey: .status)
    createdDate = try c.decodeIfPresent(Int64.self, forKey: .createdDate)
  }

  /// Whether this account ends in the given last four digits (reconciliation).
  public func matches(last4: String) -> Bool {
    realAccountNumberLast4 == last4 || accountNumberDisplay?.hasSuffix(last4) == true
      || number?.hasSuffix(last4) == true
  }

  /// The last four digits, from whichever field gives them.
  var last4: String? {
    realAccountNumberLast4 ?? accountNumberDisplay.map { String($0.suffix(4)) }
      ?? number.map { String($0.suffix(4)) }
  }

  /// A redacted text form, safe for logs.
  public var description: String { "FinicityCustomerAccount(\(id), account …\(last4 ?? "?"))" }
  /// Same as `description`: redacted, safe for logs.
  public var debugDescription: String { description }
  /// A mirror without secrets, full account numbers or amounts, so `dump` stays redacted.
  public var customMirror: Mirror {
    Mirror(self, children: ["id": id, "last4": last4 ?? "?", "status": status ?? "?"])
  }
}
