/// A bank link as read by `GET /restapi/accounts/{accountNumber}/achbanklinks/{bankLinkOid}`.
public struct FolioBankLink: Sendable, Hashable, Decodable {
  /// The bank link id.
  public var bankLinkOid: String?
  /// `A` active, `D` deleted (cancelled).
  public var status: String?
  /// `M` for micro-deposit links.
  public var banklinkType: String?
  /// Whether the link is verified.
  public var verifyStatus: Bool?
  /// `true`, `false` or `na`.
  public var mdverify: String?

  /// Whether the link was cancelled (status `D`).
  public var isCancelled: Bool { status == "D" }
}
