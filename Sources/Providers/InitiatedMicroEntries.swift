/// The answer to initiate (`InitiatedMicroDeposit`); `accountId` is required to count as success.
public struct InitiatedMicroEntries: Sendable, Hashable, Decodable {
  /// The account id Finicity made.
  public var accountId: String
  /// `Pending` normally.
  public var status: String?
  /// Number of entries, 2.
  public var depositCount: Int?
  /// Human text.
  public var statusDescription: String?
  /// `ach` or `rtp`.
  public var railType: String?

  enum CodingKeys: String, CodingKey {
    case accountId, status, depositCount, statusDescription, railType
  }

  /// Decodes Finicity's JSON leniently (ids as string or number, missing fields as `nil`).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    accountId = try c.decode(FlexibleText.self, forKey: .accountId).text
    status = try c.decodeIfPresent(String.self, forKey: .status)
    depositCount = try c.decodeIfPresent(Int.self, forKey: .depositCount)
    statusDescription = try c.decodeIfPresent(String.self, forKey: .statusDescription)
    railType = try c.decodeIfPresent(String.self, forKey: .railType)
  }
}
