import Foundation
import Testing

/// Bodies over the limit, not JSON by their content type, or nested too deep: each refused with
/// the provider's documented 400 and never acted on; the sandbox still serves afterwards.
@Suite struct HostileBodyTests {
  static let tokenPath = "/aggregation/v2/partners/authentication"
  static let credentials =
    #"{"partnerId":"1234583871234","partnerSecret":"sandbox-partner-secret"}"#
  static let appKey = [("Finicity-App-Key", "sandbox-app-key")]
  static let folioPath = "/restapi/accounts/RD57828005/verify/microdeposits/7926335346173182966"
  static let folioBody = #"{"md1":"0.04","md2":"0.23","op":"verify_md","ownerLoginId":"testuser"}"#
  static let receiver =
    #"{"receiver":{"routingNumber":"021000021","accountNumber":"12345678","accountType":"personalChecking","name":"Bob"}}"#

  func seedBankLink(_ s: RawSandbox) async throws {
    let seeded = try await s.send(
      .POST, "/_sandbox/folio/banklinks",
      body:
        #"{"accountNumber":"RD57828005","bankLinkOid":"7926335346173182966","ownerLoginId":"testuser","md1Cents":4,"md2Cents":23}"#
    )
    try #require(seeded.status == 200)
  }

  func folioCode(_ answer: RawSandbox.Answer) -> String? {
    (answer.json as? [[String: Any]])?.first?["errorCode"] as? String
  }

  @Test func aBodyOverOneMebibyteIsFinicitysGenericBadRequest() async throws {
    try await withRawSandbox { s in
      let token = try await s.token()
      let over = [UInt8](repeating: UInt8(ascii: " "), count: (1 << 20) + 1)
      let initiate = try await s.send(
        .POST, "/microentry/v1/customers/1", headers: s.finicityHeaders(token), bytes: over)
      #expect(initiate.status == 400)
      #expect(initiate.object["code"] as? String == "14020")
      #expect((initiate.object["message"] as? String)?.contains("larger than 1048576") == true)
      let tokenCall = try await s.send(.POST, Self.tokenPath, headers: Self.appKey, bytes: over)
      #expect(tokenCall.status == 400 && tokenCall.object["code"] as? String == "14020")
      // Even a GET, whose body is ignored, is refused rather than read past the limit.
      let get = try await s.send(
        .GET, "/aggregation/v1/customers/1/accounts", headers: s.finicityHeaders(token), bytes: over
      )
      #expect(get.status == 400 && get.object["code"] as? String == "14020")
      let control = try await s.send(.POST, "/_sandbox/clock/advance", bytes: over)
      #expect(control.status == 400)
      let counters = try await s.send(.GET, "/_sandbox/counters").object
      #expect(counters["depositPairsSent"] as? Int == 0)
      try await s.expectStillServes()
    }
  }

  @Test func aBodyOfExactlyTheLimitIsRead() async throws {
    try await withRawSandbox { s in
      let token = try await s.token()
      var body = Array(Self.receiver.utf8)
      body += [UInt8](repeating: UInt8(ascii: " "), count: (1 << 20) - body.count)
      let answer = try await s.send(
        .POST, "/microentry/v1/customers/1", headers: s.finicityHeaders(token), bytes: body)
      #expect(answer.status == 200)
      #expect(answer.object["status"] as? String == "Pending")
    }
  }

  @Test func aFolioBodyOverTheLimitIsFoliosUnreadableBodyError() async throws {
    try await withRawSandbox { s in
      try await seedBankLink(s)
      let over = [UInt8](repeating: UInt8(ascii: " "), count: (1 << 20) + 10)
      let answer = try await s.send(
        .PUT, Self.folioPath, headers: s.folioHeaders("PUT", Self.folioPath, bytes: over),
        bytes: over)
      #expect(answer.status == 400)
      #expect(folioCode(answer) == "banklink.null.restbanklink.internal.error")
      try await s.expectStillServes()
    }
  }

  @Test(
    arguments: [
      nil, "", "text/plain", "application/x-www-form-urlencoded", "application/xml", "text/json",
      "application/jsonp", "application/json; charset=latin1", "application/json; v=1",
      "multipart/form-data",
    ] as [String?])
  func bodiesNotSentAsJSONAreRefusedAndNotActedOn(contentType: String?) async throws {
    try await withRawSandbox { s in
      let tokenCall = try await s.send(
        .POST, Self.tokenPath, headers: Self.appKey, body: Self.credentials,
        contentType: contentType)
      #expect(tokenCall.status == 400, "\(contentType ?? "none")")
      #expect(tokenCall.object["code"] as? String == "14020")
      #expect((tokenCall.object["message"] as? String)?.contains("Content-Type") == true)
      let token = try await s.token()
      let initiate = try await s.send(
        .POST, "/microentry/v1/customers/1", headers: s.finicityHeaders(token),
        body: Self.receiver, contentType: contentType)
      #expect(initiate.status == 400 && initiate.object["code"] as? String == "14020")
      try await seedBankLink(s)
      let folio = try await s.send(
        .PUT, Self.folioPath, headers: s.folioHeaders("PUT", Self.folioPath, Self.folioBody),
        body: Self.folioBody, contentType: contentType)
      #expect(folio.status == 400)
      #expect(folioCode(folio) == "banklink.null.restbanklink.internal.error")
      let counters = try await s.send(.GET, "/_sandbox/counters").object
      #expect(counters["depositPairsSent"] as? Int == 0)
      let link = try await s.send(.GET, "/_sandbox/folio/banklinks/7926335346173182966").object
      #expect(link["verified"] as? Bool == false)
      #expect(link["verifyCalls"] as? Int == 0)
      try await s.expectStillServes()
    }
  }

  @Test(arguments: [
    "application/json", "Application/JSON", "application/json; charset=utf-8",
    "application/json;charset=\"UTF-8\"", "application/json;", " application/json ",
  ])
  func jsonContentTypesAreAccepted(contentType: String) async throws {
    try await withRawSandbox { s in
      let answer = try await s.send(
        .POST, Self.tokenPath, headers: Self.appKey, body: Self.credentials,
        contentType: contentType)
      #expect(answer.status == 200 && answer.object["token"] is String, "\(contentType)")
    }
  }

  @Test func aRepeatedContentTypeIsNotJSON() async throws {
    try await withRawSandbox { s in
      let headers =
        Self.appKey + [
          ("Content-Type", "application/json"), ("Content-Type", "application/json"),
        ]
      let answer = try #require(
        try await s.raw(
          "POST", Self.tokenPath, headers: headers, body: Array(Self.credentials.utf8)))
      #expect(answer.status == 400 && answer.code == "14020")
      try await s.expectStillServes()
    }
  }

  static func nested(_ depth: Int) -> String {
    String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
  }

  @Test(arguments: [33, 600, 100_000])
  func deepNestingIsTheGenericBadRequest(depth: Int) async throws {
    try await withRawSandbox { s in
      // The object around the credentials is one level, the array under "x" the others.
      let body =
        #"{"partnerId":"1234583871234","partnerSecret":"sandbox-partner-secret","x":"#
        + Self.nested(depth - 1) + "}"
      let tokenCall = try await s.send(.POST, Self.tokenPath, headers: Self.appKey, body: body)
      #expect(tokenCall.status == 400 && tokenCall.object["code"] as? String == "14020")
      #expect((tokenCall.object["message"] as? String)?.contains("nested") == true)
      let token = try await s.token()
      let id = try await s.initiate(token, account: "12345678")
      let verify = try await s.send(
        .POST, "/microentry/v1/customers/1005061234/accounts/\(id)/amounts",
        headers: s.finicityHeaders(token), body: #"{"amounts":"# + Self.nested(depth - 1) + "}")
      // The generic 14020, not the verify call's 3000003: the body was never read as amounts.
      #expect(verify.status == 400 && verify.object["code"] as? String == "14020")
      let report = try await s.send(.GET, "/_sandbox/finicity/accounts/\(id)").object
      #expect(report["verifyCalls"] as? Int == 0)
      try await seedBankLink(s)
      let folioBody = #"{"op":"verify_md","x":"# + Self.nested(depth - 1) + "}"
      let folio = try await s.send(
        .PUT, Self.folioPath, headers: s.folioHeaders("PUT", Self.folioPath, folioBody),
        body: folioBody)
      #expect(folio.status == 400)
      #expect(folioCode(folio) == "banklink.null.restbanklink.internal.error")
      try await s.expectStillServes()
    }
  }

  @Test func nestingUpToTheLimitAndBracketsInStringsAreRead() async throws {
    try await withRawSandbox { s in
      for extra in [Self.nested(31), "\"" + String(repeating: "[", count: 1000) + "\""] {
        let body =
          #"{"partnerId":"1234583871234","partnerSecret":"sandbox-partner-secret","x":"# + extra
          + "}"
        let answer = try await s.send(.POST, Self.tokenPath, headers: Self.appKey, body: body)
        #expect(answer.status == 200 && answer.object["token"] is String)
      }
    }
  }

  @Test func bodyBytesThatAreNotUTF8AreTheHandlersBadRequest() async throws {
    try await withRawSandbox { s in
      let bytes: [UInt8] = Array(#"{"partnerId":""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8)
      let answer = try await s.send(.POST, Self.tokenPath, headers: Self.appKey, bytes: bytes)
      #expect(answer.status == 400 && answer.object["code"] as? String == "14020")
      try await s.expectStillServes()
    }
  }
}
