import Testing

@testable import Verification

/// A deterministic generator (SplitMix64) for tests.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

@Suite("Retry policy: exponential backoff, full jitter, cap, Retry-After, window")
struct RetryPolicyTests {
  let policy = RetryPolicy(baseDelay: .seconds(1), maxDelay: .seconds(16), window: .seconds(120))

  @Test("the ceiling doubles from the base up to the cap")
  func ceiling() {
    #expect(
      (0...6).map { policy.ceiling(forRetry: $0) } == [1, 2, 4, 8, 16, 16, 16].map { .seconds($0) })
    #expect(policy.ceiling(forRetry: 10_000) == .seconds(16))
    #expect(policy.ceiling(forRetry: -3) == .seconds(1))
  }

  @Test("full jitter spans zero to the ceiling, by the unit value")
  func jitter() {
    #expect(policy.delay(forRetry: 3, retryAfter: nil, unit: 0) == .zero)
    #expect(policy.delay(forRetry: 3, retryAfter: nil, unit: 0.5) == .seconds(4))
    #expect(policy.delay(forRetry: 3, retryAfter: nil, unit: 1) == .seconds(8))
    #expect(policy.delay(forRetry: 3, retryAfter: nil, unit: 7) == .seconds(8))
    #expect(policy.delay(forRetry: 3, retryAfter: nil, unit: -1) == .zero)
    #expect(policy.delay(forRetry: 3, retryAfter: nil, unit: .nan) == .zero)
  }

  @Test("never sooner than Retry-After")
  func retryAfter() {
    #expect(policy.delay(forRetry: 0, retryAfter: .seconds(30), unit: 0.9) == .seconds(30))
    #expect(policy.delay(forRetry: 4, retryAfter: .seconds(2), unit: 0.5) == .seconds(8))
  }

  @Test("random delays stay within the bounds for every retry")
  func randomBounds() {
    var generator = SeededGenerator(state: 42)
    for retry in 0..<20 {
      for _ in 0..<50 {
        let delay = policy.delay(forRetry: retry, retryAfter: .milliseconds(300), using: &generator)
        #expect(delay >= .milliseconds(300))
        #expect(delay <= max(policy.ceiling(forRetry: retry), .milliseconds(300)))
      }
    }
  }

  @Test("inside the window: retry at now plus the delay")
  func retries() {
    let now = Fixture.at(0)
    #expect(
      policy.decide(now: now, streakStartedAt: nil, retry: 0, retryAfter: nil, unit: 1)
        == .retry(at: Fixture.at(1)))
    #expect(
      policy.decide(
        now: now, streakStartedAt: Fixture.at(-50), retry: 2, retryAfter: .seconds(9), unit: 0)
        == .retry(at: Fixture.at(9)))
  }

  @Test("the window: give up when over, pull a late retry back to its end")
  func window() {
    let started = Fixture.at(0)
    #expect(
      policy.decide(
        now: Fixture.at(120), streakStartedAt: started, retry: 5, retryAfter: nil, unit: 0)
        == .giveUp)
    #expect(
      policy.decide(
        now: Fixture.at(110), streakStartedAt: started, retry: 5, retryAfter: nil, unit: 1)
        == .retry(at: Fixture.at(120)))
    #expect(
      policy.decide(
        now: Fixture.at(110), streakStartedAt: started, retry: 0, retryAfter: .seconds(11), unit: 0)
        == .giveUp)
    #expect(
      policy.decide(
        now: Fixture.at(110), streakStartedAt: started, retry: 0, retryAfter: .seconds(10), unit: 0)
        == .retry(at: Fixture.at(120)))
  }
}

@Suite("Paced retries after a provider's limit: no growth, Retry-After honoured, same window")
struct PacedRetryTests {
  let policy = RetryPolicy(baseDelay: .seconds(1), maxDelay: .seconds(16), window: .seconds(120))
  let now = Timestamp(secondsSinceEpoch: 1_700_000_000)

  @Test("a paced retry comes within the paced delay, however many came before")
  func noGrowth() {
    #expect(
      policy.paced(now: now, streakStartedAt: now - .seconds(60), retryAfter: nil, unit: 0.5)
        == .retry(at: now + .milliseconds(500)))
    #expect(
      policy.paced(now: now, streakStartedAt: nil, retryAfter: .seconds(3), unit: 0.5)
        == .retry(at: now + .seconds(3)))
  }

  @Test("the window still ends a streak of paced retries")
  func window() {
    #expect(
      policy.paced(now: now, streakStartedAt: now - .seconds(121), retryAfter: nil, unit: 0)
        == .giveUp)
    #expect(
      policy.paced(now: now, streakStartedAt: now - .seconds(119), retryAfter: .seconds(5), unit: 0)
        == .giveUp)
  }

  @Test("only 429s and throttle codes are paced")
  func which() {
    #expect(RetryReason.rateLimited.isProviderLimit)
    #expect(RetryReason.throttled(code: "3300001").isProviderLimit)
    #expect(!RetryReason.serverError(status: 503).isProviderLimit)
    #expect(!RetryReason.timeout.isProviderLimit)
  }
}
