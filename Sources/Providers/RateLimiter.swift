/// A per-provider rate limiter that callers `await` before each call.
///
/// Wraps a ``TokenBucket`` with a time source and a sleep function, both injectable.
public actor RateLimiter {
  private var bucket: TokenBucket
  private let time: TimeSource
  private let sleep: @Sendable (Duration) async throws -> Void
  /// Calls let through so far.
  public private(set) var granted = 0

  /// Creates a limiter allowing `ratePerSecond` calls per second with bursts of `burst`; `nil`
  /// unless the rate is finite and positive and the burst at least 1.
  public init?(
    ratePerSecond: Double,
    burst: Int,
    time: TimeSource = .system,
    sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
  ) {
    guard let bucket = TokenBucket(ratePerSecond: ratePerSecond, burst: burst, now: time.now())
    else { return nil }
    self.time = time
    self.sleep = sleep
    self.bucket = bucket
  }

  /// Takes a token without waiting: `nil` when the call may go now, else the time to wait.
  public func tryAcquire() -> Duration? {
    let wait = bucket.take(now: time.now())
    if wait == nil { granted += 1 }
    return wait
  }

  /// Waits until a call may go. Throws `CancellationError` if the task is cancelled while waiting.
  public func acquire() async throws {
    while let wait = tryAcquire() {
      try await sleep(wait)
    }
  }
}
