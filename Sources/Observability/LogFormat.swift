/// How ``StructuredLogHandler`` writes a record: one line each, suited to journald.
public enum LogFormat: String, Sendable, CaseIterable {
  /// One JSON object per line.
  case json
  /// `level=info msg="..." key=value` per line.
  case logfmt
  /// Human-readable text: `info label: message key=value`.
  case text
}
