import Foundation
import ProviderSandbox
import Testing
import Verification

@testable import Providers

/// The Folio client against the sandbox over real HTTP.
@Suite struct FolioClientSandboxTests {
  func seed(
    _ h: Harness, oid: String = "7926335346173182966", account: String = "RD57828005",
    owner: String = "testuser"
  )
    async throws
  {
    try await h.control(
      "POST", "/_sandbox/folio/banklinks",
      [
        "accountNumber": account, "bankLinkOid": oid, "ownerLoginId": owner, "md1Cents": 4,
        "md2Cents": 23,
      ])
  }

  @Test func verifiesWithFiveDecimalStrings() async throws {
    try await withHarness { h in
      try await seed(h)
      let amounts = try #require(AmountPair(cents: 23, 4))
      let outcome = await h.folio.verifyMicroDeposits(
        accountNumber: "RD57828005", bankLinkOid: "7926335346173182966", ownerLoginId: "testuser",
        amounts: amounts)
      #expect(outcome.successValue?.verified == true)
      let link = await h.folio.bankLink(
        accountNumber: "RD57828005", bankLinkOid: "7926335346173182966")
      #expect(link.successValue?.verifyStatus == true)
    }
  }

  @Test func aVerifiedLinkStillChecksTheAmounts() async throws {
    try await withHarness { h in
      try await seed(h)
      func verify(_ first: Int, _ second: Int) async throws -> String {
        label(
          await h.folio.verifyMicroDeposits(
            accountNumber: "RD57828005", bankLinkOid: "7926335346173182966",
            ownerLoginId: "testuser", amounts: try #require(AmountPair(cents: first, second))))
      }
      #expect(try await verify(4, 23) == "success")
      #expect(try await verify(5, 5) == "wrongAmounts(3)")
      #expect(try await verify(23, 4) == "success")
      let link = await h.folio.bankLink(
        accountNumber: "RD57828005", bankLinkOid: "7926335346173182966")
      #expect(link.successValue?.verifyStatus == true)
      #expect(link.successValue?.status == .active)
    }
  }

  @Test func wrongAmountsCountDownThenCancelTheLink() async throws {
    try await withHarness { h in
      try await seed(h)
      let wrong = try #require(AmountPair(cents: 5, 5))
      var labels: [String] = []
      for _ in 0..<4 {
        labels.append(
          label(
            await h.folio.verifyMicroDeposits(
              accountNumber: "RD57828005", bankLinkOid: "7926335346173182966",
              ownerLoginId: "testuser",
              amounts: wrong)))
      }
      #expect(
        labels == ["wrongAmounts(2)", "wrongAmounts(1)", "attemptsExhausted", "attemptsExhausted"])
      let link = await h.folio.bankLink(
        accountNumber: "RD57828005", bankLinkOid: "7926335346173182966")
      #expect(link.successValue?.status == .deleted)
    }
  }

  @Test(arguments: [
    ("RX00000000", "testuser", "permanent(invalidRequest, banklink.not.owned.by.account)"),
    ("RD57828005", "stranger", "permanent(invalidRequest, banklink.no.member.found.for.loginid)"),
    (
      "RD57828005", "otheruser",
      "permanent(invalidRequest, banklink.loginid.provide.not.account.owner)"
    ),
    (
      "RD57828005", "api-user-missing",
      "permanent(authentication, banklink.api.user.not.found.internal.error)"
    ),
    (
      "RD57828005", "no-money-mover",
      "permanent(authentication, banklink.api.user.needs.money.mover.or.better.permissions.for.account)"
    ),
  ])
  func errorCodes(account: String, login: String, expected: String) async throws {
    try await withHarness { h in
      try await seed(h)
      try await seed(h, oid: "1111", account: "RA00000001", owner: "otheruser")
      let outcome = await h.folio.verifyMicroDeposits(
        accountNumber: account, bankLinkOid: "7926335346173182966", ownerLoginId: login,
        amounts: try #require(AmountPair(cents: 4, 23)))
      #expect(label(outcome) == expected)
    }
  }

  @Test func badSignatureIsAnAuthenticationFailure() async throws {
    try await withHarness(folioSecret: "not-the-secret") { h in
      try await seed(h)
      let outcome = await h.folio.bankLink(
        accountNumber: "RD57828005", bankLinkOid: "7926335346173182966")
      #expect(label(outcome) == "permanent(authentication, authentication.failed)")
    }
  }

  @Test(arguments: [
    (["rateLimitFraction": 1], "retryLater(nil, rate limited (429))"),
    (["serverErrorFraction": 1], "retryLater(nil, server error (503))"),
    // Throttle codes are Finicity's: a Folio call is not touched by them.
    (["throttleFraction": 1], "success"),
  ])
  func folioFaults(faults: [String: Int], expected: String) async throws {
    try await withHarness { h in
      try await seed(h)
      try await h.setFaults(faults)
      let verify = await h.folio.verifyMicroDeposits(
        accountNumber: "RD57828005", bankLinkOid: "7926335346173182966", ownerLoginId: "testuser",
        amounts: try #require(AmountPair(cents: 4, 23)))
      #expect(label(verify) == expected)
      let read = await h.folio.bankLink(
        accountNumber: "RD57828005", bankLinkOid: "7926335346173182966")
      #expect(label(read) == expected)
    }
  }

  @Test func faultsReachFolioToo() async throws {
    try await withHarness { h in
      try await seed(h)
      try await h.setFaults(["serverErrorFraction": 1, "serverErrorStatus": 502])
      let outcome = await h.folio.bankLink(
        accountNumber: "RD57828005", bankLinkOid: "7926335346173182966")
      #expect(label(outcome) == "retryLater(nil, server error (502))")
    }
  }
}
