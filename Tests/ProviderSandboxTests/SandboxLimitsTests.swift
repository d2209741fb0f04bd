import Foundation
import ProviderSandbox
import Testing

/// Values that used to stop the process are refused or brought into range.
@Suite struct SandboxLimitsTests {
  @Test(arguments: ["92233720368547759.00", "9223372036854775807", "99999999999999999999.99"])
  func hugeFolioAmountsAreTheUnreadableBodyError(amount: String) async throws {
    try await withRawSandbox { s in
      _ = try await s.send(
        .POST, "/_sandbox/folio/banklinks",
        body: #"{"accountNumber":"RD57828005","bankLinkOid":"7","ownerLoginId":"testuser"}"#)
      let path = "/restapi/accounts/RD57828005/verify/microdeposits/7"
      let body = #"{"md1":"\#(amount)","md2":"0.23","op":"verify_md","ownerLoginId":"testuser"}"#
      let answer = try await s.send(
        .PUT, path, headers: s.folioHeaders("PUT", path, body), body: body)
      #expect(answer.status == 400)
      let code = (answer.json as? [[String: Any]])?.first?["errorCode"] as? String
      #expect(code == "banklink.null.restbanklink.internal.error")
      try await s.expectStillServes()
    }
  }
}
