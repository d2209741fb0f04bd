import Foundation
import Logging

/// A `LogHandler` that writes one line per record, suited to journald: JSON objects, logfmt, or
/// plain text (``LogFormat``). Messages are meant to be constant; the data goes in metadata.
///
/// No character of a message or of metadata can end a line early: newlines and every other
/// control character are escaped, so each record stays one journald entry. The level comes from
/// a shared ``LogLevelControl`` (changed live on reload) unless this handler's `logLevel` was set.
public struct StructuredLogHandler: LogHandler {
  /// The logger's label (`verifierd`, `verifierd.pg`, ...).
  public let label: String
  /// How records are written.
  public let format: LogFormat
  /// Whether each line starts with a UTC timestamp (`ts`); journald stamps lines itself.
  public let includeTimestamp: Bool
  /// The shared level, consulted on every record.
  public let control: LogLevelControl
  /// Where lines go.
  public let sink: LogSink
  /// This handler's own metadata.
  public var metadata: Logger.Metadata = [:]
  /// Adds contextual metadata when a record is written.
  public var metadataProvider: Logger.MetadataProvider?
  private var ownLevel: Logger.Level?

  /// Creates a handler for `label`.
  public init(
    label: String, format: LogFormat, control: LogLevelControl, includeTimestamp: Bool = false,
    sink: LogSink = .standardError, metadataProvider: Logger.MetadataProvider? = nil
  ) {
    self.label = label
    self.format = format
    self.control = control
    self.includeTimestamp = includeTimestamp
    self.sink = sink
    self.metadataProvider = metadataProvider
  }

  /// The level in force: this handler's own once set, else the shared control's.
  public var logLevel: Logger.Level {
    get { ownLevel ?? control.level }
    set { ownLevel = newValue }
  }

  /// One metadata value.
  public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  /// Writes `event` as one line.
  public func log(event: LogEvent) {
    var merged = metadata
    if let provided = metadataProvider?.get() {
      merged.merge(provided) { _, new in new }
    }
    if let own = event.metadata {
      merged.merge(own) { _, new in new }
    }
    if let error = event.error, merged["error"] == nil {
      merged["error"] = "\(error)"
    }
    let record = LogRecord(
      timestamp: includeTimestamp ? Self.timestamp() : nil, level: event.level, label: label,
      message: event.message.description, metadata: merged)
    sink.write(record.line(format) + "\n")
  }

  /// Makes every logger of this process use a handler of `format` whose level follows the
  /// returned control (set its `level` on reload). Call once, before any logger is made.
  @discardableResult
  public static func bootstrap(
    format: LogFormat, level: Logger.Level, includeTimestamp: Bool = false,
    sink: LogSink = .standardError, metadataProvider: Logger.MetadataProvider? = nil
  ) -> LogLevelControl {
    let control = LogLevelControl(level: level)
    LoggingSystem.bootstrap(
      { label, provider in
        StructuredLogHandler(
          label: label, format: format, control: control, includeTimestamp: includeTimestamp,
          sink: sink, metadataProvider: provider)
      }, metadataProvider: metadataProvider)
    return control
  }

  static func timestamp() -> String {
    Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
  }
}
