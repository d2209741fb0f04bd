/// Exponential backoff with full jitter: attempt `n` waits a random time in `0...min(maximum,
/// initial * 2^n)`.
public struct Backoff: Sendable, Equatable {
  /// The cap of the first wait.
  public var initial: Duration
  /// The largest cap.
  public var maximum: Duration
  /// How many tries in all (at least one).
  public var attempts: Int

  /// Creates a policy.
  public init(initial: Duration, maximum: Duration, attempts: Int) {
    self.initial = initial
    self.maximum = maximum
    self.attempts = max(1, attempts)
  }

  /// The cap of the wait before retry number `retry` (0-based): `min(maximum, initial * 2^retry)`.
  public func cap(forRetry retry: Int) -> Duration {
    let factor = 1 << min(max(retry, 0), 30)
    let grown = initial * factor
    return grown > maximum ? maximum : grown
  }

  /// A fully jittered wait before retry number `retry`, drawn with `generator`.
  public func delay<G: RandomNumberGenerator>(forRetry retry: Int, using generator: inout G)
    -> Duration
  {
    let capNanos = cap(forRetry: retry).nanoseconds
    guard capNanos > 0 else { return .zero }
    return .nanoseconds(Int64.random(in: 0...capNanos, using: &generator))
  }
}

extension Duration {
  /// The whole duration in nanoseconds, saturating at `Int64.max`.
  public var nanoseconds: Int64 {
    let (seconds, attoseconds) = components
    let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
    if overflow { return seconds < 0 ? .min : .max }
    return product &+ attoseconds / 1_000_000_000
  }
}
