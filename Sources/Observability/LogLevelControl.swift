import Logging
import Synchronization

/// The log level every ``StructuredLogHandler`` made with it consults on each record, so a
/// configuration reload (SIGHUP) can change the level of every logger live.
///
/// A handler whose `logLevel` was set explicitly keeps that level; the others follow this one.
public final class LogLevelControl: Sendable {
  private let current: Mutex<Logger.Level>

  /// Creates a control starting at `level`.
  public init(level: Logger.Level = .info) {
    current = Mutex(level)
  }

  /// The level now in force.
  public var level: Logger.Level {
    get { current.withLock { $0 } }
    set { current.withLock { $0 = newValue } }
  }

  /// Parses a level name (`trace`, `debug`, `info`, `notice`, `warning`, `error`, `critical`),
  /// case-insensitively; `nil` for anything else.
  public static func parse(_ text: String) -> Logger.Level? {
    Logger.Level(rawValue: text.lowercased())
  }
}
