import Synchronization

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
