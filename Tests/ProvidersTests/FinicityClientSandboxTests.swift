import Foundation
import ProviderSandbox
import Testing
import Verification

@testable import Providers

/// The Finicity client against the sandbox over real HTTP on 127.0.0.1.
@Suite struct FinicityClientSandboxTests {
  @Test func initiateSettleAndVerify() async throws {
    try await withHarness { h in
      let accountId = try await initiated(h, "12345678")
      let details = await h.finicity.details(customerId: "1005061234", accountId: accountId)
      #expect(details.successValue?.status == .completed)
      #expect(details.successValue?.accountNumberLast4 == "5678")
      let amounts = try await h.amounts(of: accountId)
      let verify = await h.finicity.verify(
        customerId: "1005061234", accountId: accountId, amounts: amounts)
      #expect(verify.successValue?.verified == true)
      let after = await h.finicity.details(customerId: "1005061234", accountId: accountId)
      #expect(after.successValue?.status == .verified)
      let counters = try await h.counters()
      #expect(counters["tokenRequests"] as? Int == 1)
      #expect(counters["depositPairsSent"] as? Int == 1)
    }
  }

  @Test func amountsInEitherOrderVerify() async throws {
    try await withHarness { h in
      let accountId = try await initiated(h, "22223333")
      let amounts = try await h.amounts(of: accountId)
      let swapped = try #require(AmountPair(amounts.second, amounts.first))
      let verify = await h.finicity.verify(
        customerId: "1005061234", accountId: accountId, amounts: swapped)
      #expect(label(verify) == "success")
    }
  }

  @Test func wrongAmountsThenAttemptsExhausted() async throws {
    try await withHarness { h in
      let accountId = try await initiated(h, "44445555")
      let right = try await h.amounts(of: accountId)
      let wrongCents = right.first.value == 1 ? 2 : right.first.value - 1
      let wrong = try #require(AmountPair(cents: wrongCents, wrongCents))
      var labels: [String] = []
      for _ in 0..<4 {
        labels.append(
          label(
            await h.finicity.verify(customerId: "1005061234", accountId: accountId, amounts: wrong))
        )
      }
      #expect(
        labels == [
          "wrongAmounts(nil)", "wrongAmounts(nil)", "attemptsExhausted", "attemptsExhausted",
        ])
      // Even the right amounts are refused once attempts are exhausted.
      let late = await h.finicity.verify(
        customerId: "1005061234", accountId: accountId, amounts: right)
      #expect(label(late) == "attemptsExhausted")
      let report = try await h.control("GET", "/_sandbox/finicity/accounts/\(accountId)")
      #expect(report["verifyCalls"] as? Int == 5)
    }
  }

  @Test func secondInitiateReconcilesAndSendsNoMoney() async throws {
    try await withHarness { h in
      let accountId = try await initiated(h, "55556666")
      let again = await h.finicity.initiate(customerId: "1005061234", receiver("55556666"))
      #expect(label(again) == "reconcile(account already exists (code 3100001))")
      let accounts = await h.finicity.avaAccounts(customerId: "1005061234")
      let list = try #require(accounts.successValue)
      #expect(list.map(\.id) == [accountId])
      #expect(list.first?.matches(last4: "6666") == true)
      let report = try await h.control("GET", "/_sandbox/finicity/accounts/\(accountId)")
      #expect(report["initiateRequests"] as? Int == 2)
      let depositPairsSent = try await h.counter("depositPairsSent")
      #expect(depositPairsSent == 1)
    }
  }

  @Test(arguments: [
    ("12345678", "123456789", "permanent(invalidRequest, 20024)"),
    ("12ab", "021000021", "permanent(invalidRequest, 3000001)"),
    ("99990006", "021000021", "permanent(providerRefused, 3200001)"),
  ])
  func initiateRejections(account: String, routing: String, expected: String) async throws {
    try await withHarness { h in
      let outcome = await h.finicity.initiate(
        customerId: "1005061234", receiver(account, routing: routing))
      #expect(label(outcome) == expected)
      let depositPairsSent = try await h.counter("depositPairsSent")
      #expect(depositPairsSent == 0)
    }
  }

  @Test func unknownCustomerAndAccountArePermanentInvalidRequests() async throws {
    try await withHarness { h in
      let customer = await h.finicity.initiate(customerId: "4040000001", receiver("12345678"))
      #expect(label(customer) == "permanent(invalidRequest, 14001)")
      let account = await h.finicity.details(customerId: "1005061234", accountId: "1")
      #expect(label(account) == "permanent(invalidRequest, 14001)")
      let list = await h.finicity.avaAccounts(customerId: "4041")
      #expect(label(list) == "permanent(invalidRequest, 14001)")
    }
  }

  @Test(arguments: [
    ("10000001", MicroEntryStatus.returned), ("10000002", .rejected), ("10000003", .failed),
    ("10000004", .expired), ("10000005", .pending), ("10000007", .completed),
  ])
  func magicAccountNumbersReachEveryStatus(account: String, status: MicroEntryStatus) async throws {
    try await withHarness { h in
      let accountId = try await initiated(h, account)
      let details = await h.finicity.details(customerId: "1005061234", accountId: accountId)
      #expect(details.successValue?.status == status)
    }
  }

  @Test func verifyBeforeSettlementReconciles() async throws {
    try await withHarness { h in
      let accountId = try await initiated(h, "10000005")
      let amounts = try await h.amounts(of: accountId)
      let outcome = await h.finicity.verify(
        customerId: "1005061234", accountId: accountId, amounts: amounts)
      #expect(
        label(outcome)
          == "reconcile(micro entries in another status (code 3200002): Microdeposit is in Pending status)"
      )
    }
  }

  @Test func settleDelayAndExpiryFollowTheSandboxClock() async throws {
    let config = SandboxConfiguration(settleDelay: .seconds(3600), expiryWindow: .seconds(86_400))
    try await withHarness(sandbox: config) { h in
      let accountId = try await initiated(h, "31313131")
      #expect(
        await h.finicity.details(customerId: "1005061234", accountId: accountId).successValue?
          .status == .pending)
      try await h.control("POST", "/_sandbox/clock/advance", ["seconds": 3600])
      #expect(
        await h.finicity.details(customerId: "1005061234", accountId: accountId).successValue?
          .status == .completed)
      try await h.control("POST", "/_sandbox/clock/advance", ["seconds": 86_400])
      #expect(
        await h.finicity.details(customerId: "1005061234", accountId: accountId).successValue?
          .status == .expired)
    }
  }

  @Test func clientSendsAcceptAndContentTypeHeaders() async throws {
    try await withHarness { h in
      _ = try await initiated(h, "13131313")
      let initiate = try await h.control("GET", "/_sandbox/requests/last")
      let sent = try #require(initiate["headers"] as? [String: String])
      #expect(initiate["method"] as? String == "POST")
      #expect(sent["accept"] == "application/json")
      #expect(sent["content-type"] == "application/json")
      #expect(sent["finicity-app-token"] == "REDACTED")
      _ = await h.finicity.avaAccounts(customerId: "1005061234")
      let list = try await h.control("GET", "/_sandbox/requests/last")
      let listHeaders = try #require(list["headers"] as? [String: String])
      #expect(list["method"] as? String == "GET")
      #expect(listHeaders["accept"] == "application/json")
      #expect(listHeaders["content-type"] == nil)
    }
  }
}
