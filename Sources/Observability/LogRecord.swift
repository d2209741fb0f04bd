import Logging

/// One record ready to be written, and its rendering in each ``LogFormat``.
struct LogRecord {
  /// Keys the record itself uses; metadata under one of them is written as `meta_<key>`.
  static let reserved: Set<String> = ["ts", "level", "label", "message", "msg"]

  var timestamp: String?
  var level: Logger.Level
  var label: String
  var message: String
  var metadata: Logger.Metadata

  /// The record as one line in `format`, without the trailing newline.
  func line(_ format: LogFormat) -> String {
    switch format {
    case .json: json()
    case .logfmt: logfmt()
    case .text: text()
    }
  }

  /// Metadata sorted by key, reserved keys renamed.
  var sortedMetadata: [(key: String, value: Logger.Metadata.Value)] {
    metadata.sorted { $0.key < $1.key }.map { entry in
      (Self.reserved.contains(entry.key) ? "meta_\(entry.key)" : entry.key, entry.value)
    }
  }

  /// `{"level":"info","label":"verifierd","message":"...","key":"value"}`.
  func json() -> String {
    var out = "{"
    if let timestamp { out += "\"ts\":" + LogEscaping.jsonString(timestamp) + "," }
    out += "\"level\":" + LogEscaping.jsonString(level.rawValue)
    out += ",\"label\":" + LogEscaping.jsonString(label)
    out += ",\"message\":" + LogEscaping.jsonString(message)
    for (key, value) in sortedMetadata {
      out += "," + LogEscaping.jsonString(key) + ":" + LogEscaping.jsonValue(value)
    }
    return out + "}"
  }

  /// `level=info label=verifierd msg="..." key=value`.
  func logfmt() -> String {
    var fields: [String] = []
    if let timestamp { fields.append("ts=" + LogEscaping.logfmtValue(timestamp)) }
    fields.append("level=" + level.rawValue)
    fields.append("label=" + LogEscaping.logfmtValue(label))
    fields.append("msg=" + LogEscaping.logfmtValue(message))
    for (key, value) in sortedMetadata {
      fields.append(LogEscaping.logfmtKey(key) + "=" + LogEscaping.logfmtValue(value.flatText))
    }
    return fields.joined(separator: " ")
  }

  /// `info verifierd: message key=value`, metadata quoted as in logfmt.
  func text() -> String {
    var out = timestamp.map { $0 + " " } ?? ""
    out += level.rawValue + " " + LogEscaping.escapedText(label) + ": "
    out += LogEscaping.escapedText(message)
    for (key, value) in sortedMetadata {
      out += " " + LogEscaping.logfmtKey(key) + "=" + LogEscaping.logfmtValue(value.flatText)
    }
    return out
  }
}

extension Logger.MetadataValue {
  /// The value as one piece of text (lists and dictionaries in brackets, keys sorted).
  var flatText: String {
    switch self {
    case .string(let text): text
    case .stringConvertible(let value): value.description
    case .array(let values): "[" + values.map(\.flatText).joined(separator: ", ") + "]"
    case .dictionary(let entries):
      "["
        + entries.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.flatText)" }
        .joined(separator: ", ") + "]"
    }
  }
}
