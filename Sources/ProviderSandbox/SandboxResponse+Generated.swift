import FinicityAPI
import Foundation

/// Finicity success bodies built from the types generated from the official spec, so their shape
/// comes from the spec and not from a hand-written copy (the client's types are never used here).
extension SandboxResponse {
  /// A JSON response encoding a generated (or any `Encodable`) value with sorted keys.
  static func encoded<Value: Encodable>(_ status: Int, _ value: Value) -> SandboxResponse {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
    return SandboxResponse(
      status: status, headers: [("Content-Type", "application/json")], body: Array(data))
  }

  static func accessToken(_ token: String) -> SandboxResponse {
    encoded(200, Components.Schemas.AccessToken(token: token))
  }

  static func initiated(accountId: String, railType: String) -> SandboxResponse {
    encoded(
      200,
      Components.Schemas.InitiatedMicroDeposit(
        accountId: accountId, status: "Pending", depositCount: 2,
        statusDescription: "Micro entries successfully initiated", railType: railType))
  }

  static func details(_ account: FinicitySandboxAccount, creationDate: String) -> SandboxResponse {
    encoded(
      200,
      Components.Schemas.MicroDepositDetails(
        status: account.status, statusDescription: account.statusDescription,
        creationDate: creationDate, routingNumber: account.routingNumber,
        accountNumberLast4: String(account.accountNumber.suffix(4)), railType: account.railType))
  }

  static var verified: SandboxResponse {
    encoded(
      200,
      Components.Schemas.VerifiedMicroDeposit(
        status: "Verified", statusDescription: "Micro entries are successfully verified"))
  }
}
