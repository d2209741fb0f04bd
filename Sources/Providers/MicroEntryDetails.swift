/// The answer to details (`MicroDepositDetails`); every field may be missing or null.
public struct MicroEntryDetails: Sendable, Hashable, Decodable {
  /// The status, when given.
  public var status: MicroEntryStatus?
  /// Human text.
  public var statusDescription: String?
  /// Creation time as sent (`2022-04-12T11:51:23`, no zone).
  public var creationDate: String?
  /// Routing number.
  public var routingNumber: String?
  /// Last four digits of the account number.
  public var accountNumberLast4: String?
  /// Set when verified automatically through aggregation.
  public var autoVerifiedAccount: Int64?
  /// `ach` or `rtp`.
  public var railType: String?

  enum CodingKeys: String, CodingKey {
    case status, statusDescription, creationDate, routingNumber, accountNumberLast4,
      autoVerifiedAccount, railType
  }

  /// Decodes Finicity's JSON leniently (ids as string or number, missing fields as `nil`).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    status = try c.decodeIfPresent(String.self, forKey: .status).map(MicroEntryStatus.init)
    statusDescription = try c.decodeIfPresent(String.self, forKey: .statusDescription)
    creationDate = try c.decodeIfPresent(String.self, forKey: .creationDate)
    routingNumber = try c.decodeIfPresent(String.self, forKey: .routingNumber)
    accountNumberLast4 = try c.decodeIfPresent(String.self, forKey: .accountNumberLast4)
    autoVerifiedAccount = try c.decodeIfPresent(Int64.self, forKey: .autoVerifiedAccount)
    railType = try c.decodeIfPresent(String.self, forKey: .railType)
  }
}
