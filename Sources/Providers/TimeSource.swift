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

/// A time source that moves only when told to (for tests).
public final class ManualTimeSource: Sendable {
  private let current = Mutex<Duration>(.zero)

  /// Creates a manual time source at zero.
  public init() {}

  /// Moves time forward.
  public func advance(by duration: Duration) { current.withLock { $0 += duration } }

  /// The current time.
  public var now: Duration { current.withLock { $0 } }

  /// This manual clock as a ``TimeSource``.
  public var timeSource: TimeSource { TimeSource { [self] in self.now } }
}
