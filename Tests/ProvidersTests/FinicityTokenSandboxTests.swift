import Foundation
import ProviderSandbox
import Testing

@testable import Providers

/// Token caching, renewal, the one retry after a token error, and never looping.
@Suite struct FinicityTokenSandboxTests {
  @Test func expiredTokenIsRenewedOnceAndTheCallRetried() async throws {
    try await withHarness { h in
      #expect(label(await h.finicity.avaAccounts(customerId: "1005061234")) == "success")
      try await h.control("POST", "/_sandbox/finicity/tokens/expire")
      #expect(label(await h.finicity.avaAccounts(customerId: "1005061234")) == "success")
      let counters = try await h.counters()
      #expect(counters["tokenRequests"] as? Int == 2)
      #expect((counters["requestsByStatus"] as? [String: Int])?["401"] == 1)
      #expect(await h.finicity.tokenRequestsMade == 2)
    }
  }

  @Test func tokenIsRenewedAfterTheConfiguredAge() async throws {
    try await withHarness { h in
      _ = await h.finicity.avaAccounts(customerId: "1")
      h.time.advance(by: .seconds(89 * 60))
      _ = await h.finicity.avaAccounts(customerId: "1")
      let tokenRequests = try await h.counter("tokenRequests")
      #expect(tokenRequests == 1)
      h.time.advance(by: .seconds(2 * 60))
      _ = await h.finicity.avaAccounts(customerId: "1")
      let tokenRequestsLater = try await h.counter("tokenRequests")
      #expect(tokenRequestsLater == 2)
    }
  }

  @Test func concurrentCallsShareOneTokenRequest() async throws {
    try await withHarness { h in
      let outcomes = await withTaskGroup(of: String.self) { group in
        for _ in 0..<12 {
          group.addTask { label(await h.finicity.avaAccounts(customerId: "1005061234")) }
        }
        var all: [String] = []
        for await outcome in group { all.append(outcome) }
        return all
      }
      #expect(outcomes == Array(repeating: "success", count: 12))
      let tokenRequests = try await h.counter("tokenRequests")
      #expect(tokenRequests == 1)
    }
  }

  @Test func tokenRejectedTwiceFailsWithoutLooping() async throws {
    // Tokens the sandbox issues are already expired: every call answers 10023.
    try await withHarness(sandbox: SandboxConfiguration(tokenLifetime: .zero)) { h in
      let outcome = await h.finicity.details(customerId: "1005061234", accountId: "1")
      #expect(label(outcome) == "permanent(authentication, 10023)")
      let tokenRequests = try await h.counter("tokenRequests")
      #expect(tokenRequests == 2)
    }
  }

  @Test func wrongPartnerSecretLatchesTokenRequests() async throws {
    try await withHarness(partnerSecret: "wrong") { h in
      let first = await h.finicity.avaAccounts(customerId: "1005061234")
      #expect(label(first) == "permanent(authentication, 10001)")
      let second = await h.finicity.avaAccounts(customerId: "1005061234")
      #expect(label(second) == "permanent(authentication, 10001)")
      let tokenRequests = try await h.counter("tokenRequests")
      #expect(tokenRequests == 1)
      await h.finicity.reopenTokenRequests()
      _ = await h.finicity.avaAccounts(customerId: "1005061234")
      let tokenRequestsLater = try await h.counter("tokenRequests")
      #expect(tokenRequestsLater == 2)
    }
  }

  @Test func wrongAppKeyIsAPermanentAuthenticationFailure() async throws {
    try await withHarness(appKey: "wrong") { h in
      let outcome = await h.finicity.avaAccounts(customerId: "1005061234")
      guard case .permanentFailure(let failure) = outcome else {
        Issue.record("expected a permanent failure, got \(label(outcome))")
        return
      }
      #expect(failure.kind == .authentication)
      #expect(failure.httpStatus == 401)
      #expect(failure.code == "10001")
      #expect(failure.message == "Invalid credentials")
      #expect(!failure.description.contains("wrong"))
    }
  }
}
