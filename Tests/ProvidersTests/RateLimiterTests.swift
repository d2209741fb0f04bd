import Testing

@testable import Providers

@Suite struct RateLimiterTests {
  @Test func invalidSettingsGiveNoBucketInsteadOfACrash() {
    #expect(TokenBucket(ratePerSecond: 0, burst: 1) == nil)
    #expect(TokenBucket(ratePerSecond: -1, burst: 1) == nil)
    #expect(TokenBucket(ratePerSecond: .nan, burst: 1) == nil)
    #expect(TokenBucket(ratePerSecond: .infinity, burst: 1) == nil)
    #expect(TokenBucket(ratePerSecond: 1, burst: 0) == nil)
    #expect(RateLimiter(ratePerSecond: 0, burst: 1) == nil)
    #expect(RateLimiter(ratePerSecond: 1, burst: 1) != nil)
  }

  @Test func bucketAllowsBurstThenRefusesWithWait() throws {
    var bucket = try #require(TokenBucket(ratePerSecond: 2, burst: 3))
    #expect(bucket.take(now: .zero) == nil)
    #expect(bucket.take(now: .zero) == nil)
    #expect(bucket.take(now: .zero) == nil)
    #expect(bucket.take(now: .zero) == .milliseconds(500))
    #expect(bucket.take(now: .milliseconds(499)) != nil)
    #expect(bucket.take(now: .milliseconds(500)) == nil)
  }

  @Test func bucketHoldsItsRateOverSimulatedTime() throws {
    var bucket = try #require(TokenBucket(ratePerSecond: 5, burst: 4))
    var granted = 0
    // Someone asks every 10 ms for 10 simulated seconds.
    for step in 0...1000 where bucket.take(now: .milliseconds(step * 10)) == nil {
      granted += 1
    }
    #expect(granted == 4 + 50)
  }

  @Test func bucketNeverExceedsBurstAfterQuiet() throws {
    var bucket = try #require(TokenBucket(ratePerSecond: 100, burst: 2))
    #expect(bucket.take(now: .seconds(0)) == nil)
    bucket.refill(now: .seconds(3600))
    #expect(bucket.tokens == 2)
  }

  @Test func limiterMakesCallersWaitOnTheInjectedClock() async throws {
    let time = ManualTimeSource()
    let limiter = try #require(
      RateLimiter(ratePerSecond: 5, burst: 2, time: time.timeSource) { wait in
        time.advance(by: wait)
      })
    for _ in 0..<22 { try await limiter.acquire() }
    #expect(await limiter.granted == 22)
    // 2 go at once, the next 20 at 5 per second: at least 4 simulated seconds.
    #expect(time.now >= .seconds(4))
    #expect(time.now < .seconds(4) + .milliseconds(10))
  }

  @Test func tryAcquireReportsTheWaitWithoutTakingAToken() async throws {
    let time = ManualTimeSource()
    let limiter = try #require(
      RateLimiter(ratePerSecond: 1, burst: 1, time: time.timeSource) { _ in })
    #expect(await limiter.tryAcquire() == nil)
    #expect(await limiter.tryAcquire() == .seconds(1))
    time.advance(by: .seconds(1))
    #expect(await limiter.tryAcquire() == nil)
    #expect(await limiter.granted == 2)
  }
}
