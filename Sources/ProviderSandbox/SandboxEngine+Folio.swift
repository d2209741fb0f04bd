import Crypto
import Foundation

extension SandboxEngine {
  static func folioError(_ code: String, _ message: String, type: String = "VALIDATION_RULE")
    -> SandboxResponse
  {
    .json(400, [["type": type, "errorCode": code, "message": message]])
  }

  /// Checks the inferred HMAC signature (see FolioSigner in Providers; implemented here separately).
  func withFolioAuth(_ request: SandboxRequest, _ body: () -> SandboxResponse) -> SandboxResponse {
    guard folioSignatureIsValid(request) else {
      return .json(
        401,
        [
          [
            "type": "AUTHENTICATION", "errorCode": "authentication.failed",
            "message": "Invalid signature",
          ]
        ])
    }
    return body()
  }

  func folioSignatureIsValid(_ request: SandboxRequest) -> Bool {
    guard let header = request.header("authorization"), header.hasPrefix("FOLIO-HMAC-SHA256 ")
    else {
      return false
    }
    var fields: [String: String] = [:]
    for part in header.dropFirst("FOLIO-HMAC-SHA256 ".count).split(separator: ",") {
      let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
      if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
    }
    guard fields["key"] == configuration.folioAPIKey, let ts = fields["ts"],
      let seconds = Int64(ts),
      let signature = fields["sig"], let given = Data(base64Encoded: signature)
    else { return false }
    let skew = abs(Date().timeIntervalSince1970 - TimeInterval(seconds))
    guard skew <= configuration.folioMaxSkew.timeInterval else { return false }
    let target = request.query.isEmpty ? request.path : request.path + "?" + request.query
    let digest = SHA256.hash(data: request.body).map { String(format: "%02x", $0) }.joined()
    let message = "\(request.method)\n\(target)\n\(ts)\n\(digest)"
    let key = SymmetricKey(data: Data(configuration.folioSharedSecret.utf8))
    return HMAC<SHA256>.isValidAuthenticationCode(
      given, authenticating: Data(message.utf8), using: key)
  }

  func folioVerify(_ request: SandboxRequest, accountNumber: String, bankLinkOid: String)
    -> SandboxResponse
  {
    counters.folioVerifyCalls += 1
    var label = "error"
    defer {
      if bankLinks[bankLinkOid] != nil {
        bankLinks[bankLinkOid]?.verifyCalls += 1
        bankLinks[bankLinkOid]?.verifyResults[label, default: 0] += 1
      }
    }
    guard let body = jsonObject(request.body) else {
      return Self.folioError("banklink.null.restbanklink.internal.error", "Invalid request body")
    }
    if let oid = body["bankLinkOid"], (oid as? String) != bankLinkOid {
      return Self.folioError("uri.matching.rule", "bankLinkOid in body does not match the URI")
    }
    guard body["op"] as? String == "verify_md" else {
      return Self.folioError(
        "banklink.invalid.operation.should.be.delete.verify_md.or.verify_own", "Invalid operation")
    }
    let login = body["ownerLoginId"] as? String ?? ""
    if login == "api-user-missing" {
      return Self.folioError("banklink.api.user.not.found.internal.error", "API user not found")
    }
    if login == "no-money-mover" {
      return Self.folioError(
        "banklink.api.user.needs.money.mover.or.better.permissions.for.account",
        "Insufficient permissions")
    }
    guard var link = bankLinks[bankLinkOid], link.accountNumber == accountNumber else {
      return Self.folioError("banklink.not.owned.by.account", "Banklink not found for account")
    }
    guard bankLinks.values.contains(where: { $0.ownerLoginId == login }) else {
      return Self.folioError("banklink.no.member.found.for.loginid", "No member found for login id")
    }
    guard link.ownerLoginId == login else {
      return Self.folioError(
        "banklink.loginid.provide.not.account.owner", "Login id is not the account owner")
    }
    guard let md1 = Self.parseFolioAmount(body["md1"]), let md2 = Self.parseFolioAmount(body["md2"])
    else {
      return Self.folioError("banklink.null.restbanklink.internal.error", "Invalid amount")
    }
    if link.status == "D" {
      label = "cancelled"
      return Self.folioError(
        "banklink.final.verification.failure.no.more.attempts", "Banklink status=D")
    }
    if [md1, md2].sorted() == link.amounts.sorted() {
      link.verified = true
      bankLinks[bankLinkOid] = link
      label = "verified"
      return .json(200, ["bankLinkOid": bankLinkOid, "verifyStatus": true])
    }
    if link.verified {
      // Inferred: a verified link still checks the amounts, but a wrong guess neither counts an
      // attempt nor cancels it.
      label = "wrongAmounts"
      return Self.folioError(
        "banklink.verification.failed.microdeposits.due.to.incorrect.microdeposit.amounts",
        "Remaining Attempts=\(configuration.verifyAttempts - link.failedAttempts)")
    }
    link.failedAttempts += 1
    let remaining = configuration.verifyAttempts - link.failedAttempts
    if remaining <= 0 {
      link.status = "D"
      bankLinks[bankLinkOid] = link
      label = "finalFailure"
      return Self.folioError(
        "banklink.final.verification.failure.no.more.attempts", "Banklink status=D")
    }
    bankLinks[bankLinkOid] = link
    label = "wrongAmounts"
    return Self.folioError(
      "banklink.verification.failed.microdeposits.due.to.incorrect.microdeposit.amounts",
      "Remaining Attempts=\(remaining)")
  }

  func folioBankLink(accountNumber: String, bankLinkOid: String) -> SandboxResponse {
    guard let link = bankLinks[bankLinkOid], link.accountNumber == accountNumber else {
      return Self.folioError("banklink.not.owned.by.account", "Banklink not found for account")
    }
    return .json(
      200,
      [
        "bankLinkOid": link.bankLinkOid, "status": link.status, "banklinkType": "M",
        "verifyStatus": link.verified, "mdverify": link.mdverify,
      ])
  }
}
