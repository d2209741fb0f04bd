import Foundation
import ProviderSandbox
import Testing
import Verification

@testable import Providers

/// "The deposits were sent but the answer was lost": faults that strike after the initiation took
/// effect. The client must report an outcome the daemon retries or reconciles, and the retry must
/// reconcile (3100001) without a second deposit pair.
@Suite struct LostAnswerSandboxTests {
  @Test(arguments: [
    (
      ["serverErrorFraction": 1] as [String: Int], nil as Duration?,
      "retryLater(nil, server error (503))"
    ),
    (["resetFraction": 1], nil, "retryLater(nil, connection failed)"),
    (["hangFraction": 1, "hangMs": 60_000], .milliseconds(300), "retryLater(nil, timeout)"),
    (["stallBodyFraction": 1, "hangMs": 60_000], .milliseconds(300), "retryLater(nil, timeout)"),
    (
      ["malformedFraction": 1], nil, "reconcile(outcome unknown (success status, undecodable body))"
    ),
  ])
  func initiationWhoseAnswerIsLostIsSentOnce(
    faults: [String: Int], callTimeout: Duration?, expected: String
  ) async throws {
    try await withHarness { h in
      // A token first: faults hit the token call too.
      #expect(label(await h.finicity.avaAccounts(customerId: "1005061234")) == "success")
      var afterEffect: [String: Any] = faults
      afterEffect["afterEffect"] = true
      try await h.setFaults(afterEffect)
      let lost = await ProviderHTTPClient.$requestTimeoutOverride.withValue(callTimeout) {
        await h.finicity.initiate(customerId: "1005061234", receiver("77778888"))
      }
      #expect(label(lost) == expected)
      try await h.setFaults([:])
      let again = await h.finicity.initiate(customerId: "1005061234", receiver("77778888"))
      #expect(label(again) == "reconcile(account already exists (code 3100001))")
      let list = try #require(await h.finicity.avaAccounts(customerId: "1005061234").successValue)
      #expect(list.count == 1)
      #expect(list.first?.matches(last4: "8888") == true)
      let accountId = try #require(list.first?.id)
      let report = try await h.control("GET", "/_sandbox/finicity/accounts/\(accountId)")
      #expect(report["initiateRequests"] as? Int == 2)
      let counters = try await h.counters()
      #expect(counters["depositPairsSent"] as? Int == 1)
      #expect(counters["finicityInitiateRequests"] as? Int == 2)
    }
  }

  @Test func finicityVerifyWithAnUndecodableSuccessAnswerReconciles() async throws {
    try await withHarness { h in
      let accountId = try await initiated(h, "66667777")
      let amounts = try await h.amounts(of: accountId)
      try await h.setFaults(["malformedFraction": 1, "afterEffect": true])
      let outcome = await h.finicity.verify(
        customerId: "1005061234", accountId: accountId, amounts: amounts)
      #expect(label(outcome) == "reconcile(outcome unknown (success status, undecodable body))")
      try await h.setFaults([:])
      let details = await h.finicity.details(customerId: "1005061234", accountId: accountId)
      #expect(details.successValue?.status == .verified)
    }
  }

  @Test func folioVerifyWithAnUndecodableSuccessAnswerReconciles() async throws {
    try await withHarness { h in
      try await h.control(
        "POST", "/_sandbox/folio/banklinks",
        [
          "accountNumber": "RD1", "bankLinkOid": "42", "ownerLoginId": "u", "md1Cents": 4,
          "md2Cents": 23,
        ])
      try await h.setFaults(["malformedFraction": 1, "afterEffect": true])
      let outcome = await h.folio.verifyMicroDeposits(
        accountNumber: "RD1", bankLinkOid: "42", ownerLoginId: "u",
        amounts: try #require(AmountPair(cents: 4, 23)))
      #expect(label(outcome) == "reconcile(outcome unknown (success status, undecodable body))")
      try await h.setFaults([:])
      let link = await h.folio.bankLink(accountNumber: "RD1", bankLinkOid: "42")
      #expect(link.successValue?.verifyStatus == true)
    }
  }

  @Test func readsWithAnUndecodableSuccessAnswerAreRetried() async throws {
    try await withHarness { h in
      _ = await h.finicity.avaAccounts(customerId: "1005061234")
      try await h.setFaults(["malformedFraction": 1])
      let list = await h.finicity.avaAccounts(customerId: "1005061234")
      #expect(label(list) == "retryLater(nil, malformed response body)")
    }
  }
}
