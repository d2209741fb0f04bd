/// Exponential backoff with full jitter, capped, honouring `Retry-After`, inside a per-job retry
/// window.
///
/// The n-th retry (counting from 0) waits a uniformly random time between zero and
/// `min(maxDelay, baseDelay * 2^n)`, but never less than the provider's `Retry-After`. Retries
/// stop once the window (counted from the first retry of the current streak) is over; the job
/// then ends as `provider_failed`. Randomness is an input: a unit-interval value or a generator.
public struct RetryPolicy: Sendable, Hashable {
  /// The ceiling of the first retry's delay.
  public var baseDelay: Duration
  /// The largest ceiling any retry's delay may have (before `Retry-After`).
  public var maxDelay: Duration
  /// How long a streak of retries may last before the job fails.
  public var window: Duration

  /// Creates a policy. Defaults: 1 second base, 5 minutes cap, 24 hours window.
  public init(
    baseDelay: Duration = .seconds(1), maxDelay: Duration = .seconds(300),
    window: Duration = .seconds(86_400)
  ) {
    self.baseDelay = baseDelay
    self.maxDelay = maxDelay
    self.window = window
  }

  /// The jitter ceiling of retry `retry` (0-based): `min(maxDelay, baseDelay * 2^retry)`.
  public func ceiling(forRetry retry: Int) -> Duration {
    let base = max(0, baseDelay.wholeMicroseconds)
    let cap = max(0, maxDelay.wholeMicroseconds)
    let shift = max(0, retry)
    guard shift < 62, base <= (Int64.max >> shift) else { return .microseconds(cap) }
    return .microseconds(min(cap, base << shift))
  }

  /// The delay before retry `retry`: `unit` (clamped to 0...1) times the ceiling, rounded down to
  /// whole microseconds, and never shorter than `retryAfter`.
  public func delay(forRetry retry: Int, retryAfter: Duration?, unit: Double) -> Duration {
    let fraction = unit.isFinite ? min(1, max(0, unit)) : 0
    let ceiling = Double(ceiling(forRetry: retry).wholeMicroseconds)
    let jittered = Duration.microseconds(Int64((ceiling * fraction).rounded(.down)))
    guard let retryAfter else { return jittered }
    return max(jittered, retryAfter)
  }

  /// ``delay(forRetry:retryAfter:unit:)`` with the unit drawn from `generator`.
  public func delay(
    forRetry retry: Int, retryAfter: Duration?, using generator: inout some RandomNumberGenerator
  ) -> Duration {
    delay(
      forRetry: retry, retryAfter: retryAfter, unit: Double.random(in: 0..<1, using: &generator))
  }

  /// Decides when to retry at `now`, given the start of the current retry streak (`nil` when this
  /// is its first retry) and how many retries it already had.
  ///
  /// Gives up when the window is over, or when `retryAfter` would push the retry past its end. A
  /// jittered time past the end is pulled back to the end, so the last try happens inside it.
  public func decide(
    now: Timestamp, streakStartedAt: Timestamp?, retry: Int, retryAfter: Duration?, unit: Double
  ) -> RetryDecision {
    let end = (streakStartedAt ?? now) + window
    guard now < end else { return .giveUp }
    if let retryAfter, now + retryAfter > end { return .giveUp }
    let at = now + delay(forRetry: retry, retryAfter: retryAfter, unit: unit)
    return .retry(at: min(at, end))
  }

  /// The longest a paced retry waits before it asks the limiter again (without `Retry-After`).
  public static let pacedDelay: Duration = .seconds(1)

  /// Decides when to retry a call the provider refused for its limit: after `retryAfter`, or a
  /// jittered moment within ``pacedDelay``, with no growth (the shared limiter sets the pace);
  /// inside the same window as ``decide(now:streakStartedAt:retry:retryAfter:unit:)``.
  public func paced(
    now: Timestamp, streakStartedAt: Timestamp?, retryAfter: Duration?, unit: Double
  )
    -> RetryDecision
  {
    let end = (streakStartedAt ?? now) + window
    guard now < end else { return .giveUp }
    if let retryAfter, now + retryAfter > end { return .giveUp }
    let fraction = unit.isFinite ? min(1, max(0, unit)) : 0
    let jittered = Duration.microseconds(
      Int64((Double(Self.pacedDelay.wholeMicroseconds) * fraction).rounded(.down)))
    return .retry(at: min(now + max(jittered, retryAfter ?? .zero), end))
  }
}
