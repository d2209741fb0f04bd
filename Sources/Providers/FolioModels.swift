/// The answer to a successful verify: `{"bankLinkOid": "...", "verifyStatus": true}`.
public struct FolioVerification: Sendable, Hashable, Decodable {
  /// The bank link verified.
  public var bankLinkOid: String?
  /// `true` when verified.
  public var verifyStatus: Bool?
}

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

/// One element of Folio's 400 error array.
struct FolioError: Sendable, Hashable, Decodable {
  var type: String?
  var errorCode: String?
  var message: String?
}

struct FolioVerifyRequest: Encodable {
  var bankLinkOid: String
  var md1: String
  var md2: String
  var op: String
  var ownerLoginId: String
}
