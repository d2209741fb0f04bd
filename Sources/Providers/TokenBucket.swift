import Verification

/// A token bucket as a pure value: give it the time, it says whether a call may go now.
///
/// No clock inside, so the refill arithmetic is testable with made-up times.
public struct TokenBucket: Sendable, Hashable {
  /// Calls per second the bucket refills at.
  public let ratePerSecond: Double
  /// The most calls that may go at once after a quiet period.
  public let burst: Int
  /// Tokens currently available (fractional while refilling).
  public private(set) var tokens: Double
  /// The time of the last refill.
  public private(set) var lastRefill: Duration

  /// Creates a full bucket at time `now`; `nil` unless the rate is finite and positive and the
  /// burst at least 1 (a configuration mistake must not crash the daemon).
  public init?(ratePerSecond: Double, burst: Int, now: Duration = .zero) {
    guard ratePerSecond.isFinite, ratePerSecond > 0, burst >= 1 else { return nil }
    self.ratePerSecond = ratePerSecond
    self.burst = burst
    self.tokens = Double(burst)
    self.lastRefill = now
  }

  /// Adds the tokens earned since the last refill, capped at `burst`.
  public mutating func refill(now: Duration) {
    guard now > lastRefill else { return }
    let elapsed = (now - lastRefill).seconds
    tokens = min(Double(burst), tokens + elapsed * ratePerSecond)
    lastRefill = now
  }

  /// Takes one token if available and returns `nil`; otherwise takes nothing and returns how long
  /// until one will be available.
  public mutating func take(now: Duration) -> Duration? {
    refill(now: now)
    if tokens >= 1 {
      tokens -= 1
      return nil
    }
    let missing = 1 - tokens
    return .nanoseconds(Int64((missing / ratePerSecond * 1e9).rounded(.up)))
  }
}
