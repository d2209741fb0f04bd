import Synchronization

/// Where the clients read the time, as a duration since an arbitrary fixed origin.
///
/// Inject ``ManualTimeSource`` in tests so token age and rate limits need no real waiting.
public struct TimeSource: Sendable {
  /// The current time since this source's origin.
  public let now: @Sendable () -> Duration

  /// Creates a time source from a function.
  public init(now: @escaping @Sendable () -> Duration) { self.now = now }

  /// The monotonic system clock.
  public static var system: TimeSource {
    let origin = ContinuousClock.now
    return TimeSource { ContinuousClock.now - origin }
  }
}
