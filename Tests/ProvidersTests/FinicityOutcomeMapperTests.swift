import Foundation
import Testing
import Verification

@testable import Providers

/// Every row of the Finicity error table in providers.md, one expectation each.
@Suite struct FinicityOutcomeMapperTests {
  static func response(_ status: Int, _ body: String = "", headers: [(String, String)] = [])
    -> RawResponse
  {
    RawResponse(status: status, headers: headers, body: Array(body.utf8))
  }

  @Test(arguments: [
    // 429, no body, no Retry-After
    (response(429), "retryLater(nil, rate limited (429))"),
    // 429 honouring Retry-After
    (response(429, headers: [("Retry-After", "7")]), "retryLater(7.0 seconds, rate limited (429))"),
    (
      response(400, #"{"code":"3300001","message":"Too many request"}"#),
      "retryLater(nil, provider throttled (code 3300001))"
    ),
    (
      response(400, #"{"code":3000000,"message":"technical difficulties"}"#),
      "retryLater(nil, provider throttled (code 3000000))"
    ),
    (response(500, "boom"), "retryLater(nil, server error (500))"),
    (response(503), "retryLater(nil, server error (503))"),
    (
      response(400, #"{"code":"3100001","message":"Account already exist"}"#),
      "reconcile(account already exists (code 3100001))"
    ),
    (
      response(409, #"{"code":"409","message":"exists"}"#),
      "reconcile(account already exists (code 409))"
    ),
    (
      response(400, #"{"code":"3200002","message":"Microdeposit is in Pending status"}"#),
      "reconcile(micro entries in another status (code 3200002): Microdeposit is in Pending status)"
    ),
    (response(400, #"{"code":"3200004","message":"didn't match"}"#), "wrongAmounts(nil)"),
    (response(400, #"{"code":3200003,"message":"exceeded"}"#), "attemptsExhausted"),
    (
      response(400, #"{"code":"20024","message":"Invalid routing number"}"#),
      "permanent(invalidRequest, 20024)"
    ),
    (
      response(400, #"{"code":"3000001","message":"Invalid account number"}"#),
      "permanent(invalidRequest, 3000001)"
    ),
    (
      response(400, #"{"code":"3000003","message":"Invalid memo"}"#),
      "permanent(invalidRequest, 3000003)"
    ),
    (
      response(400, #"{"code":"3200001","message":"initiation failed"}"#),
      "permanent(providerRefused, 3200001)"
    ),
    (
      response(404, #"{"code":"14001","message":"Customer not found."}"#),
      "permanent(invalidRequest, 14001)"
    ),
    (response(404, ""), "permanent(invalidRequest, nil)"),
    (
      response(401, #"{"code":"10026","message":"Missing parameter (Finicity-App-Key)"}"#),
      "permanent(authentication, 10026)"
    ),
    (
      response(401, "Invalid (Finicity-App-Key)", headers: [("Content-Type", "text/plain")]),
      "permanent(authentication, nil)"
    ),
    (response(401, #"{"code":"10023","message":"Expired"}"#), "permanent(authentication, 10023)"),
  ])
  func mapsTheErrorTable(response: RawResponse, expected: String) {
    #expect(
      label(FinicityOutcomeMapper.failure(response).promoted() as CallOutcome<Int>) == expected)
  }

  @Test(arguments: [
    (#"{"code":"10022"}"#, true), (#"{"code":10023}"#, true),
    (#"{"code":"10024","message":"x"}"#, true),
    // A 401 with no readable code (text/plain) gets the one token refresh; 10026 does not.
    (#"{"code":"10026"}"#, false), ("Invalid (Finicity-App-Token)", true), ("", true),
    (#"{"code":"10001"}"#, false),
  ])
  func recognisesTokenErrors(body: String, isTokenError: Bool) {
    #expect(FinicityOutcomeMapper.isTokenError(status: 401, body: Array(body.utf8)) == isTokenError)
    #expect(!FinicityOutcomeMapper.isTokenError(status: 400, body: Array(body.utf8)))
  }

  @Test func readsCodeAsTextWhetherNumberOrString() {
    #expect(FinicityErrorBody.parse(Array(#"{"code":3200004}"#.utf8)).code == "3200004")
    #expect(FinicityErrorBody.parse(Array(#"{"code":"3200004"}"#.utf8)).code == "3200004")
    #expect(
      FinicityErrorBody.parse(Array("plain text".utf8))
        == FinicityErrorBody(code: nil, message: "plain text"))
  }

  @Test func retryAfterAcceptsSecondsAndHTTPDates() {
    let now = Date(timeIntervalSince1970: 1_445_412_480)  // Wed, 21 Oct 2015 07:28:00 GMT
    #expect(RetryAfter.parse("120", now: now) == .seconds(120))
    #expect(RetryAfter.parse("Wed, 21 Oct 2015 07:28:30 GMT", now: now) == .seconds(30))
    #expect(RetryAfter.parse("soon", now: now) == nil)
    #expect(RetryAfter.parse(nil, now: now) == nil)
    #expect(RetryAfter.parse("Thu, 29 Feb 2024 00:00:00 GMT", now: now) != nil)
    #expect(RetryAfter.imfFixdate(Array("Thu, 01 Jan 1970 00:00:00 GMT".utf8)) == 0)
    #expect(RetryAfter.imfFixdate(Array("Sun, 06 Nov 1994 08:49:37 GMT".utf8)) == 784_111_777)
  }

  /// Input a fuzzer found that made Foundation's DateFormatter trap; and near-misses of the form.
  @Test(arguments: [
    "\u{0}m\u{32E}4\u{2CB}44444\u{8}\u{0}\u{0}\u{0}\u{0}\u{0}en_U44444444\u{0}",
    "Wed, 21 Oct 2015 07:28:30 UTC", "Wed, 31 Apr 2015 07:28:30 GMT",
    "Wed, 21 Oct 2015 24:00:00 GMT",
    "Wed, 29 Feb 2015 07:28:30 GMT", "Wednesday, 21-Oct-15 07:28:30 GMT",
    "Wed, 21 Oct 2015 07:28:3x GMT",
    "Wed, 21 Oct 2015 07:28:30 GMT\u{301}",
  ])
  func retryAfterRefusesWhatIsNotAnIMFFixdate(_ header: String) {
    #expect(RetryAfter.parse(header, now: Date(timeIntervalSince1970: 0)) == nil)
  }
}
