/// When to read Finicity's micro-entry details again: a first delay, multiplied after each read,
/// capped (for instance 1 minute, 2, 4, ... up to hourly; seconds in tests).
public struct PollSchedule: Sendable, Hashable {
  /// The delay before the first read.
  public var firstDelay: Duration
  /// The factor applied after each read (an integer, so no floating point is involved).
  public var multiplier: Int
  /// The longest delay between two reads.
  public var maxDelay: Duration

  /// Creates a schedule. Defaults: 1 minute, doubling, up to 1 hour.
  public init(
    firstDelay: Duration = .seconds(60), multiplier: Int = 2, maxDelay: Duration = .seconds(3_600)
  ) {
    self.firstDelay = firstDelay
    self.multiplier = multiplier
    self.maxDelay = maxDelay
  }

  /// The delay before the next read, after `polls` reads: `firstDelay * multiplier^polls`,
  /// capped at `maxDelay`.
  public func delay(afterPolls polls: Int) -> Duration {
    let cap = maxDelay.wholeMicroseconds
    var delay = min(firstDelay.wholeMicroseconds, cap)
    let factor = Int64(max(1, multiplier))
    var remaining = max(0, polls)
    while remaining > 0, delay < cap {
      let (next, overflow) = delay.multipliedReportingOverflow(by: factor)
      delay = overflow ? cap : min(next, cap)
      remaining -= 1
    }
    return .microseconds(delay)
  }
}
