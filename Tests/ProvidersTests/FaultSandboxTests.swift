import Foundation
import ProviderSandbox
import Testing

@testable import Providers

/// Each injected fault surfaces as the right outcome within the configured timeout.
@Suite struct FaultSandboxTests {
  /// Gets a token first (faults also hit the token call), then injects `faults` and reads details.
  ///
  /// Setup and control calls run under the harness's generous timeout; only the faulted call runs
  /// under `callTimeout` when given, so a loaded machine cannot time out the setup.
  func detailsUnder(
    _ faults: [String: Any], callTimeout: Duration? = nil,
    http: ProviderHTTPConfiguration = ProviderHTTPConfiguration(
      connectTimeout: .seconds(10), requestTimeout: .seconds(30))
  ) async throws -> String {
    var result = ""
    try await withHarness(http: http) { h in
      let accountId = try await initiated(h, "12121212")
      try await h.setFaults(faults)
      let outcome = await ProviderHTTPClient.$requestTimeoutOverride.withValue(callTimeout) {
        await h.finicity.details(customerId: "1005061234", accountId: accountId)
      }
      result = label(outcome)
      try await h.control("POST", "/_sandbox/reset")
    }
    return result
  }

  @Test func rateLimitWithoutRetryAfter() async throws {
    #expect(
      try await detailsUnder(["rateLimitFraction": 1]) == "retryLater(nil, rate limited (429))")
  }

  @Test func rateLimitWithRetryAfter() async throws {
    let outcome = try await detailsUnder(["rateLimitFraction": 1, "retryAfterSeconds": 3])
    #expect(outcome == "retryLater(3.0 seconds, rate limited (429))")
  }

  @Test func serverErrors() async throws {
    #expect(
      try await detailsUnder(["serverErrorFraction": 1]) == "retryLater(nil, server error (503))")
    #expect(
      try await detailsUnder(["serverErrorFraction": 1, "serverErrorStatus": 500])
        == "retryLater(nil, server error (500))")
  }

  @Test(arguments: ["3300001", "3000000"])
  func throttleCodes(code: String) async throws {
    let outcome = try await detailsUnder(["throttleFraction": 1, "throttleCode": code])
    #expect(outcome == "retryLater(nil, provider throttled (code \(code)))")
  }

  @Test func hangingCallTimesOut() async throws {
    #expect(
      try await detailsUnder(
        ["hangFraction": 1, "hangMs": 30_000], callTimeout: .milliseconds(300))
        == "retryLater(nil, timeout)")
  }

  @Test(.timeLimit(.minutes(1))) func cancellingTheCallerEndsAHangingCall() async throws {
    // The sandbox holds the answer for a minute and the request timeout is 30 s: only the
    // caller's cancellation can end the call early, as a connection failure (not a timeout).
    try await withHarness { h in
      let accountId = try await initiated(h, "12121212")
      try await h.setFaults(["hangFraction": 1, "hangMs": 60_000])
      let call = Task { await h.finicity.details(customerId: "1005061234", accountId: accountId) }
      // Cancel once the sandbox holds the request (it counts the fault when the request arrives).
      while (try await h.counters()["faultsInjected"] as? [String: Int])?["hang"] == nil {
        try await Task.sleep(for: .milliseconds(5))
      }
      call.cancel()
      #expect(label(await call.value) == "retryLater(nil, connection failed)")
      try await h.control("POST", "/_sandbox/reset")
    }
  }

  @Test func bodyStallingAfterTheHeadersTimesOut() async throws {
    // The head arrives at once; the total timeout must still cover the body. The read timeout is
    // longer than the stall, so only the total deadline can end this call as a timeout (without
    // it, the sandbox's cut after hangMs would surface as a connection failure).
    let http = ProviderHTTPConfiguration(
      connectTimeout: .seconds(10), requestTimeout: .seconds(30), readTimeout: .seconds(600))
    #expect(
      try await detailsUnder(
        ["stallBodyFraction": 1, "hangMs": 60_000], callTimeout: .milliseconds(300), http: http)
        == "retryLater(nil, timeout)")
  }

  @Test func connectionResetMidResponse() async throws {
    #expect(try await detailsUnder(["resetFraction": 1]) == "retryLater(nil, connection failed)")
  }

  @Test func malformedBody() async throws {
    #expect(
      try await detailsUnder(["malformedFraction": 1]) == "retryLater(nil, malformed response body)"
    )
  }

  @Test func oversizedBody() async throws {
    // The token answer (~31 bytes) fits in 64 bytes; the initiate answer (~140 bytes) does not.
    let http = ProviderHTTPConfiguration(
      connectTimeout: .seconds(10), requestTimeout: .seconds(30), maxResponseBytes: 64)
    try await withHarness(http: http) { h in
      let outcome = await h.finicity.initiate(customerId: "1005061234", receiver("12345678"))
      #expect(label(outcome) == "retryLater(nil, response too large)")
    }
  }

  @Test func latencyBelowTheTimeoutStillSucceeds() async throws {
    #expect(try await detailsUnder(["latencyMs": 20, "latencyJitterMs": 20]) == "success")
  }

  @Test func connectionRefused() async throws {
    // A port held bound but not listening for the whole test: nothing else can take it, and a
    // connection to it is refused at once (no reuse of a just-freed port by a parallel test).
    let closed = try ClosedPort()
    defer { closed.close() }
    // AsyncHTTPClient retries a refused connect until the connect timeout, then reports the last
    // connect error (refused), so the outcome does not depend on how loaded the machine is.
    let http = ProviderHTTPClient(
      configuration: .init(connectTimeout: .seconds(2), requestTimeout: .seconds(30)))
    let client = FinicityClient(
      configuration: FinicityConfiguration(
        baseURL: "http://127.0.0.1:\(closed.port)", partnerId: "p", partnerSecret: "s",
        appKey: "k"), http: http)
    let outcome = await client.details(customerId: "1", accountId: "2")
    try await http.shutdown()
    #expect(label(outcome) == "retryLater(nil, connection failed)")
  }

  @Test func faultsAreCountedByTheSandbox() async throws {
    try await withHarness { h in
      _ = await h.finicity.avaAccounts(customerId: "1")
      try await h.setFaults(["rateLimitFraction": 1])
      for _ in 0..<3 { _ = await h.finicity.avaAccounts(customerId: "1") }
      let counters = try await h.counters()
      #expect(counters["rateLimited429"] as? Int == 3)
      #expect((counters["faultsInjected"] as? [String: Int])?["rateLimit"] == 3)
    }
  }

  @Test func clientRateLimiterKeepsCallsUnderTheLimit() async throws {
    try await withHarness { h in
      let time = ManualTimeSource()
      let limiter = try #require(
        RateLimiter(ratePerSecond: 2, burst: 1, time: time.timeSource) {
          time.advance(by: $0)
        })
      let client = FinicityClient(
        configuration: FinicityConfiguration(
          baseURL: h.server.baseURL, partnerId: Harness.partnerId,
          partnerSecret: Secret(Harness.partnerSecret), appKey: Secret(Harness.appKey)),
        http: h.http, permits: limiter, time: time.timeSource)
      for _ in 0..<5 { #expect(label(await client.avaAccounts(customerId: "1")) == "success") }
      #expect(await limiter.granted == 5)
      #expect(time.now == .seconds(2))
    }
  }
}
