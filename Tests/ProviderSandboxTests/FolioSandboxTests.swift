import Foundation
import ProviderSandbox
import Testing

/// The sandbox's Folio side, driven with raw HTTP and an independently written signature.
@Suite struct FolioSandboxTests {
  let path = "/restapi/accounts/RD57828005/verify/microdeposits/7926335346173182966"

  func seed(_ s: RawSandbox) async throws {
    let answer = try await s.send(
      .POST, "/_sandbox/folio/banklinks",
      body:
        #"{"accountNumber":"RD57828005","bankLinkOid":"7926335346173182966","ownerLoginId":"testuser","md1Cents":4,"md2Cents":23}"#
    )
    #expect(answer.object["amounts"] as? [String] == ["0.04", "0.23"])
  }

  func put(_ s: RawSandbox, _ body: String) async throws -> RawSandbox.Answer {
    try await s.send(.PUT, path, headers: s.folioHeaders("PUT", path, body), body: body)
  }

  func errorCode(_ answer: RawSandbox.Answer) -> String? {
    (answer.json as? [[String: Any]])?.first?["errorCode"] as? String
  }

  @Test func seedExampleVerifies() async throws {
    try await withRawSandbox { s in
      try await seed(s)
      let answer = try await put(
        s, #"{"md1":"0.04000","md2":"0.23000","op":"verify_md","ownerLoginId":"testuser"}"#)
      #expect(answer.status == 200)
      #expect(answer.object["verifyStatus"] as? Bool == true)
      #expect(answer.object["bankLinkOid"] as? String == "7926335346173182966")
    }
  }

  @Test(arguments: [
    (
      #"{"bankLinkOid":"1","md1":"0.04","md2":"0.23","op":"verify_md","ownerLoginId":"testuser"}"#,
      "uri.matching.rule"
    ),
    (
      #"{"md1":"0.04","md2":"0.23","op":"verify_own","ownerLoginId":"testuser"}"#,
      "banklink.invalid.operation.should.be.delete.verify_md.or.verify_own"
    ),
    ("{not json", "banklink.null.restbanklink.internal.error"),
    (
      #"{"md1":"0.045","md2":"0.23","op":"verify_md","ownerLoginId":"testuser"}"#,
      "banklink.null.restbanklink.internal.error"
    ),
  ])
  func malformedRequestsGetTheirCodes(body: String, code: String) async throws {
    try await withRawSandbox { s in
      try await seed(s)
      let answer = try await put(s, body)
      #expect(answer.status == 400)
      #expect(errorCode(answer) == code)
    }
  }

  @Test func finalFailureCancelsTheLink() async throws {
    try await withRawSandbox(SandboxConfiguration(verifyAttempts: 2)) { s in
      try await seed(s)
      let wrong = #"{"md1":"0.05","md2":"0.05","op":"verify_md","ownerLoginId":"testuser"}"#
      let first = try await put(s, wrong)
      #expect(
        (first.json as? [[String: Any]])?.first?["message"] as? String == "Remaining Attempts=1")
      let last = try await put(s, wrong)
      #expect(errorCode(last) == "banklink.final.verification.failure.no.more.attempts")
      #expect((last.json as? [[String: Any]])?.first?["message"] as? String == "Banklink status=D")
      let linkPath = "/restapi/accounts/RD57828005/achbanklinks/7926335346173182966"
      let link = try await s.send(.GET, linkPath, headers: s.folioHeaders("GET", linkPath, ""))
      #expect(link.object["status"] as? String == "D")
      #expect(link.object["banklinkType"] as? String == "M")
    }
  }

  @Test func unsignedOrBadlySignedRequestsAreRefused() async throws {
    try await withRawSandbox { s in
      try await seed(s)
      let body = #"{"md1":"0.04","md2":"0.23","op":"verify_md","ownerLoginId":"testuser"}"#
      let unsigned = try await s.send(.PUT, path, body: body)
      #expect(unsigned.status == 401)
      let wrongSecret = try await s.send(
        .PUT, path, headers: s.folioHeaders("PUT", path, body, secret: "guess"), body: body)
      #expect(wrongSecret.status == 401)
      let tampered = try await s.send(
        .PUT, path, headers: s.folioHeaders("PUT", path, "{}"), body: body)
      #expect(tampered.status == 401)
    }
  }
}
