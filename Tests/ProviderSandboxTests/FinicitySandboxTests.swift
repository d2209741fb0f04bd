import Foundation
import Testing

@testable import ProviderSandbox

/// The sandbox's Finicity side, driven with raw HTTP.
@Suite struct FinicitySandboxTests {
  @Test func appKeyAndTokenChecksAnswerTheDocumentedCodes() async throws {
    try await withRawSandbox { s in
      let path = "/aggregation/v1/customers/1/accounts?account_type=ava"
      let noKey = try await s.send(.GET, path)
      #expect(noKey.status == 401 && noKey.object["code"] as? String == "10026")
      let badKey = try await s.send(.GET, path, headers: [("Finicity-App-Key", "nope")])
      #expect(badKey.status == 401 && badKey.text == "Invalid (Finicity-App-Key)")
      #expect(badKey.headers["Content-Type"].first == "text/plain")
      let noToken = try await s.send(.GET, path, headers: [("Finicity-App-Key", "sandbox-app-key")])
      #expect(noToken.object["code"] as? String == "10024")
      let badToken = try await s.send(.GET, path, headers: s.finicityHeaders("forged"))
      #expect(badToken.object["code"] as? String == "10022")
      let token = try await s.token()
      let fine = try await s.send(.GET, path, headers: s.finicityHeaders(token))
      #expect(fine.status == 200)
      _ = try await s.send(.POST, "/_sandbox/finicity/tokens/expire")
      let expired = try await s.send(.GET, path, headers: s.finicityHeaders(token))
      #expect(expired.status == 401 && expired.object["code"] as? String == "10023")
    }
  }

  @Test func tokensExpireWithTheSandboxClock() async throws {
    try await withRawSandbox { s in
      let token = try await s.token()
      _ = try await s.send(.POST, "/_sandbox/clock/advance", body: #"{"seconds": 7201}"#)
      let answer = try await s.send(
        .GET, "/aggregation/v1/customers/1/accounts", headers: s.finicityHeaders(token))
      #expect(answer.object["code"] as? String == "10023")
    }
  }

  @Test func badPartnerCredentials() async throws {
    try await withRawSandbox { s in
      let answer = try await s.send(
        .POST, "/aggregation/v2/partners/authentication",
        headers: [("Finicity-App-Key", "sandbox-app-key")],
        body: #"{"partnerId":"1234583871234","partnerSecret":"guess"}"#)
      #expect(answer.status == 401 && answer.object["code"] as? String == "10001")
    }
  }

  @Test func initiateAnswersAsDocumented() async throws {
    try await withRawSandbox { s in
      let token = try await s.token()
      let body =
        #"{"receiver":{"routingNumber":"021000021","accountNumber":"12345678","accountType":"businessSavings","name":"Bob"}}"#
      let sent = Date().timeIntervalSince1970
      let answer = try await s.send(
        .POST, "/microentry/v1/customers/7", headers: s.finicityHeaders(token), body: body)
      #expect(answer.status == 200)
      #expect(answer.object["status"] as? String == "Pending")
      #expect(answer.object["depositCount"] as? Int == 2)
      #expect(answer.object["railType"] as? String == "ach")
      let id = try #require(answer.object["accountId"] as? String)
      let report = try await s.send(.GET, "/_sandbox/finicity/accounts/\(id)")
      let cents = try #require(report.object["amountsCents"] as? [Int])
      #expect(cents.count == 2 && cents.allSatisfy { (1...99).contains($0) })
      // When the sandbox took the initiation (the benchmark's pickup figure reads it): between
      // the request's send and now, on the same clock.
      let initiatedAt = try #require(report.object["initiatedAt"] as? Double)
      #expect(initiatedAt >= sent && initiatedAt <= Date().timeIntervalSince1970)
      let again = try await s.send(
        .POST, "/microentry/v1/customers/8", headers: s.finicityHeaders(token), body: body)
      #expect(again.status == 400 && again.object["code"] as? String == "3100001")
      let badType = body.replacingOccurrences(of: "businessSavings", with: "moneyMarket")
      let typeAnswer = try await s.send(
        .POST, "/microentry/v1/customers/7", headers: s.finicityHeaders(token), body: badType)
      #expect(typeAnswer.status == 400 && typeAnswer.object["code"] as? String == "14020")
    }
  }

  @Test(arguments: [
    (#"{"amounts":[0.123,0.15]}"#, "3000003"), (#"{"amounts":["0.12","0.15"]}"#, "3000003"),
    (#"{"amounts":[0.12]}"#, "3000003"), (#"{"amounts":[1.5,0.15]}"#, "3000003"),
    ("not json", "3000003"),
    // Checked as written, never through Double: these are 0.12 as binary floating point.
    (#"{"amounts":[0.120,0.15]}"#, "3000003"), (#"{"amounts":[1.2e-1,0.15]}"#, "3000003"),
    (#"{"amounts":[0.1,0.15]}"#, "3000003"), (#"{"amounts":[0.00,0.15]}"#, "3000003"),
    (#"{"amounts":[true,0.15]}"#, "3000003"), (#"{"amounts":[-0.12,0.15]}"#, "3000003"),
  ])
  func verifyRejectsBadAmountFormats(body: String, code: String) async throws {
    try await withRawSandbox { s in
      let token = try await s.token()
      let id = try await s.initiate(token, account: "12345678")
      let answer = try await s.send(
        .POST, "/microentry/v1/customers/1005061234/accounts/\(id)/amounts",
        headers: s.finicityHeaders(token),
        body: body)
      #expect(answer.status == 400 && answer.object["code"] as? String == code)
    }
  }

  @Test func verifyAcceptsTwoDecimalNumbers() async throws {
    try await withRawSandbox { s in
      let token = try await s.token()
      let id = try await s.initiate(token, account: "12345678")
      let report = try await s.send(.GET, "/_sandbox/finicity/accounts/\(id)")
      let amounts = try #require(report.object["amounts"] as? [String])
      let answer = try await s.send(
        .POST, "/microentry/v1/customers/1005061234/accounts/\(id)/amounts",
        headers: s.finicityHeaders(token),
        body: #"{"amounts":[\#(amounts[0]),\#(amounts[1])]}"#)
      #expect(answer.status == 200 && answer.object["status"] as? String == "Verified")
      let after = try await s.send(.GET, "/_sandbox/finicity/accounts/\(id)")
      #expect((after.object["verifyResults"] as? [String: Int])?["verified"] == 1)
    }
  }

  @Test func routingChecksum() {
    #expect(SandboxEngine.isValidRoutingNumber("021000021"))
    #expect(SandboxEngine.isValidRoutingNumber("011000015"))
    #expect(!SandboxEngine.isValidRoutingNumber("123456789"))
    #expect(!SandboxEngine.isValidRoutingNumber("02100002"))
    #expect(!SandboxEngine.isValidRoutingNumber("02100002a"))
  }

  @Test func sameSeedSameAmounts() async throws {
    var seen: [[Int]] = []
    for _ in 0..<2 {
      try await withRawSandbox(SandboxConfiguration(seed: 7)) { s in
        let id = try await s.initiate(try await s.token(), account: "12345678")
        let report = try await s.send(.GET, "/_sandbox/finicity/accounts/\(id)")
        seen.append(try #require(report.object["amountsCents"] as? [Int]))
      }
    }
    #expect(seen[0] == seen[1])
  }
}
