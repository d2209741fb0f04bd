/// The answer to a successful verify: `{"bankLinkOid": "...", "verifyStatus": true}`.
public struct FolioVerification: Sendable, Hashable, Decodable {
  /// The bank link verified.
  public var bankLinkOid: String?
  /// `true` when verified.
  public var verifyStatus: Bool?
}
