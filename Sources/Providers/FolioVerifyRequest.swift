/// The verify body; `md1`/`md2` are the amounts and are never printed.
struct FolioVerifyRequest: Encodable, CustomStringConvertible, CustomDebugStringConvertible,
  CustomReflectable
{
  var bankLinkOid: String
  var md1: String
  var md2: String
  var op: String
  var ownerLoginId: String

  var description: String { "FolioVerifyRequest(\(bankLinkOid), amounts <redacted>)" }
  var debugDescription: String { description }
  var customMirror: Mirror { Mirror(self, children: ["bankLinkOid": bankLinkOid, "op": op]) }
}
