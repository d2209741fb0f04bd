import Foundation
import ProviderSandbox
import Testing

@testable import Providers

/// The 401 answers of providers.md's token row, end to end.
@Suite struct FinicityTokenErrorTests {
  /// Makes one call after a first successful one, with `answers` queued as 401s.
  func outcomeAfterRejections(_ answers: [String], _ h: Harness) async throws -> String {
    #expect(label(await h.finicity.avaAccounts(customerId: "1005061234")) == "success")
    try await h.control("POST", "/_sandbox/finicity/auth/reject", ["answers": answers])
    return label(await h.finicity.avaAccounts(customerId: "1005061234"))
  }

  @Test func unknownToken10022IsRenewedOnceAndTheCallRetried() async throws {
    try await withHarness { h in
      #expect(label(await h.finicity.avaAccounts(customerId: "1005061234")) == "success")
      try await h.control("POST", "/_sandbox/finicity/tokens/revoke")
      #expect(label(await h.finicity.avaAccounts(customerId: "1005061234")) == "success")
      let counters = try await h.counters()
      #expect(counters["tokenRequests"] as? Int == 2)
      #expect((counters["requestsByStatus"] as? [String: Int])?["401"] == 1)
    }
  }

  @Test(arguments: ["10024", "10022", "text"])
  func tokenErrorIsRenewedOnceAndTheCallRetried(answer: String) async throws {
    try await withHarness { h in
      let outcome = try await outcomeAfterRejections([answer], h)
      #expect(outcome == "success")
      let tokenRequests = try await h.counter("tokenRequests")
      #expect(tokenRequests == 2)
    }
  }

  @Test func textPlain401TwiceFailsLoudlyWithoutLooping() async throws {
    try await withHarness { h in
      let outcome = try await outcomeAfterRejections(["text", "text"], h)
      #expect(outcome == "permanent(authentication, nil)")
      let tokenRequests = try await h.counter("tokenRequests")
      #expect(tokenRequests == 2)
    }
  }

  @Test func missingAppKey10026IsPermanentWithoutANewToken() async throws {
    try await withHarness { h in
      let outcome = try await outcomeAfterRejections(["10026"], h)
      #expect(outcome == "permanent(authentication, 10026)")
      let tokenRequests = try await h.counter("tokenRequests")
      #expect(tokenRequests == 1)
    }
  }
}
