import Foundation

/// One Folio bank link seeded through the control API.
struct FolioSandboxBankLink: Sendable {
  var bankLinkOid: String
  var accountNumber: String
  var ownerLoginId: String
  var amounts: [Int]
  var status = "A"
  var verified = false
  var failedAttempts = 0
  var verifyCalls = 0
  var verifyResults: [String: Int] = [:]

  var mdverify: String { verified ? "true" : (status == "D" ? "false" : "na") }
}
