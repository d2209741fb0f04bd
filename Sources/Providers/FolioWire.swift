import Verification

/// Folio's JSON bodies, turned into the domain's values at once.
enum FolioWire {
  /// The verify body; `md1`/`md2` are the amounts and are never printed.
  struct VerifyBody: Encodable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
  {
    var bankLinkOid: String
    var md1: String
    var md2: String
    var op: String
    var ownerLoginId: String

    var description: String { "FolioWire.VerifyBody(\(bankLinkOid), amounts <redacted>)" }
    var debugDescription: String { description }
    var customMirror: Mirror { Mirror(self, children: ["bankLinkOid": bankLinkOid, "op": op]) }
  }

  /// The answer to a successful verify: `{"bankLinkOid": "...", "verifyStatus": true}`.
  struct Verification: Decodable, Sendable, Hashable {
    var verifyStatus: Bool?

    var domain: VerifyAnswer { VerifyAnswer(folioVerifyStatus: verifyStatus) }
  }

  /// A bank link (`GET .../achbanklinks/{bankLinkOid}`).
  struct BankLinkBody: Decodable, Sendable, Hashable {
    var status: String?
    var verifyStatus: Bool?

    var domain: BankLink { BankLink(statusText: status, verifyStatus: verifyStatus) }
  }
}
