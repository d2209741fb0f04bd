import Foundation
import Testing
import Verification

@testable import Providers

/// Every Folio error code from the seed document, one expectation each.
@Suite struct FolioOutcomeMapperTests {
  static func error(_ code: String, _ message: String = "x") -> RawResponse {
    let body = #"[{"type":"VALIDATION_RULE","errorCode":"\#(code)","message":"\#(message)"}]"#
    return RawResponse(status: 400, headers: [], body: Array(body.utf8))
  }

  @Test(arguments: [
    (
      error(
        "banklink.verification.failed.microdeposits.due.to.incorrect.microdeposit.amounts",
        "Remaining Attempts=2"), "wrongAmounts(2)"
    ),
    (
      error("banklink.final.verification.failure.no.more.attempts", "Banklink status=D"),
      "attemptsExhausted"
    ),
    (error("uri.matching.rule"), "permanent(invalidRequest, uri.matching.rule)"),
    (
      error("banklink.not.owned.by.account"),
      "permanent(invalidRequest, banklink.not.owned.by.account)"
    ),
    (
      error("banklink.invalid.operation.should.be.delete.verify_md.or.verify_own"),
      "permanent(invalidRequest, banklink.invalid.operation.should.be.delete.verify_md.or.verify_own)"
    ),
    (
      error("banklink.no.member.found.for.loginid"),
      "permanent(invalidRequest, banklink.no.member.found.for.loginid)"
    ),
    (
      error("banklink.loginid.provide.not.account.owner"),
      "permanent(invalidRequest, banklink.loginid.provide.not.account.owner)"
    ),
    (
      error("banklink.null.restbanklink.internal.error"),
      "permanent(invalidRequest, banklink.null.restbanklink.internal.error)"
    ),
    (
      error("banklink.api.user.not.found.internal.error"),
      "permanent(authentication, banklink.api.user.not.found.internal.error)"
    ),
    (
      error("banklink.api.user.needs.money.mover.or.better.permissions.for.account"),
      "permanent(authentication, banklink.api.user.needs.money.mover.or.better.permissions.for.account)"
    ),
    (error("something.new"), "permanent(providerRefused, something.new)"),
    (
      RawResponse(status: 429, headers: [("Retry-After", "2")], body: []),
      "retryLater(2.0 seconds, rate limited (429))"
    ),
    (RawResponse(status: 502, headers: [], body: []), "retryLater(nil, server error (502))"),
    (RawResponse(status: 401, headers: [], body: []), "permanent(authentication, nil)"),
  ])
  func mapsFolioErrors(response: RawResponse, expected: String) {
    #expect(
      label(FolioOutcomeMapper.failure(response).promoted() as CallOutcome<Int>) == expected)
  }

  @Test func readsRemainingAttempts() {
    #expect(FolioOutcomeMapper.remainingAttempts(in: "Remaining Attempts=1") == 1)
    #expect(FolioOutcomeMapper.remainingAttempts(in: "Remaining Attempts=12 left") == 12)
    #expect(FolioOutcomeMapper.remainingAttempts(in: "nothing") == nil)
  }

  @Test func signerIsDeterministicAndCoversTheBody() {
    let signer = FolioSigner(apiKey: "key", sharedSecret: "secret")
    let date = Date(timeIntervalSince1970: 1_700_000_000)
    let a = signer.headers(
      method: "PUT", pathAndQuery: "/restapi/x", body: Array("{}".utf8), date: date)
    let b = signer.headers(
      method: "PUT", pathAndQuery: "/restapi/x", body: Array("{}".utf8), date: date)
    let c = signer.headers(
      method: "PUT", pathAndQuery: "/restapi/x", body: Array("{ }".utf8), date: date)
    #expect(a.map(\.1) == b.map(\.1))
    #expect(a.map(\.1) != c.map(\.1))
    #expect(a.first?.1.hasPrefix("FOLIO-HMAC-SHA256 key=key, ts=1700000000, sig=") == true)
    #expect(a.first?.1.contains("secret") == false)
  }
}
