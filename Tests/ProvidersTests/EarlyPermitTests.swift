import Testing
import Verification

@testable import Providers

/// ``EarlyPermit``: a permit asked for ahead is the one the call spends (never a second), and one
/// given up before it was granted leaves the call unsent.
@Suite(.timeLimit(.minutes(1))) struct EarlyPermitTests {
  @Test func aPermitAskedForAheadIsTheOneTheCallSpends() async throws {
    try await withHarness { h in
      let limiter = try #require(RateLimiter(ratePerSecond: 100, burst: 5))
      let client = Self.client(h, limiter)
      let permit = client.earlyPermit(.money)
      let outcome = await client.initiate(Self.request("00000711"), permit: permit)
      #expect(label(outcome) == "success")
      #expect(await limiter.granted == 1)
      #expect(try await h.counter("depositPairsSent") == 1)
    }
  }

  @Test func aPermitGivenUpBeforeItsGrantLeavesTheCallUnsent() async throws {
    try await withHarness { h in
      // One token, and a refill only after a wait that nothing ends but cancellation.
      let (waited, waiting) = AsyncStream.makeStream(of: Void.self)
      let limiter = try #require(
        RateLimiter(ratePerSecond: 0.001, burst: 1) { _ in
          waiting.yield()
          let (forever, end) = AsyncStream.makeStream(of: Void.self)
          await withTaskCancellationHandler {
            for await _ in forever {}
          } onCancel: {
            end.finish()
          }
          throw CancellationError()
        })
      try await limiter.acquire()
      let client = Self.client(h, limiter)
      let permit = client.earlyPermit(.money)
      for await _ in waited { break }
      permit.cancel()
      let outcome = await client.initiate(Self.request("00000712"), permit: permit)
      let unsent = CallOutcome<Int>.retryLater(after: nil, reason: .cancelledWhileRateLimited)
      #expect(label(outcome) == label(unsent))
      #expect(await limiter.granted == 1)
      #expect(try await h.counter("depositPairsSent") == 0)
    }
  }

  static func client(_ h: Harness, _ limiter: RateLimiter) -> FinicityClient {
    FinicityClient(
      configuration: FinicityConfiguration(
        baseURL: h.server.baseURL, partnerId: Harness.partnerId,
        partnerSecret: Secret(Harness.partnerSecret), appKey: Secret(Harness.appKey)),
      http: h.http, permits: limiter)
  }

  static func request(_ accountNumber: String) -> InitiationRequest {
    InitiationRequest(
      customerID: "1005061234", routingNumber: "021000021",
      accountNumber: AccountNumber(accountNumber), accountType: .personalChecking,
      receiverName: "Bob Smith", attemptID: AttemptID(rawValue: "early-permit"))
  }
}
