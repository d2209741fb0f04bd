import Logging

/// Escaping for one-line records: whatever a value holds, the rendered line holds no newline,
/// carriage return or other control character, nor a Unicode line or paragraph separator.
enum LogEscaping {
  /// A JSON string literal for `text`.
  static func jsonString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      default:
        if needsUnicodeEscape(scalar) {
          out += unicodeEscape(scalar)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  /// A JSON value for a metadata value: strings, arrays and objects (keys sorted).
  static func jsonValue(_ value: Logger.Metadata.Value) -> String {
    switch value {
    case .string(let text): jsonString(text)
    case .stringConvertible(let value): jsonString(value.description)
    case .array(let values): "[" + values.map(jsonValue).joined(separator: ",") + "]"
    case .dictionary(let entries):
      "{"
        + entries.sorted { $0.key < $1.key }.map { jsonString($0.key) + ":" + jsonValue($0.value) }
        .joined(separator: ",") + "}"
    }
  }

  /// A logfmt value: bare when it is a plain word, else quoted with `\"`, `\\`, `\n`, `\r`,
  /// `\t` and `\uXXXX` escapes.
  static func logfmtValue(_ text: String) -> String {
    let bare =
      !text.isEmpty
      && text.unicodeScalars.allSatisfy { scalar in
        scalar != " " && scalar != "=" && scalar != "\"" && scalar != "\\"
          && !needsUnicodeEscape(scalar) && !controlEscapes.keys.contains(scalar)
      }
    if bare { return text }
    return "\"" + escapedText(text) + "\""
  }

  /// A logfmt key: letters, digits, `_`, `.` and `-`; anything else becomes `_`.
  static func logfmtKey(_ key: String) -> String {
    guard !key.isEmpty else { return "_" }
    return String(
      String.UnicodeScalarView(
        key.unicodeScalars.map { scalar in
          scalar.isASCII
            && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_"
              || scalar == "." || scalar == "-")
            ? scalar : "_"
        }))
  }

  /// `text` with quotes, backslashes and control characters escaped (the inside of a quoted
  /// logfmt value, and the message of a text record).
  static func escapedText(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      if scalar == "\"" {
        out += "\\\""
      } else if scalar == "\\" {
        out += "\\\\"
      } else if let escape = controlEscapes[scalar] {
        out += escape
      } else if needsUnicodeEscape(scalar) {
        out += unicodeEscape(scalar)
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  private static let controlEscapes: [Unicode.Scalar: String] = [
    "\n": "\\n", "\r": "\\r", "\t": "\\t",
  ]

  /// Control characters (C0, DEL, C1) and the Unicode line and paragraph separators.
  private static func needsUnicodeEscape(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028
      || scalar.value == 0x2029
  }

  private static func unicodeEscape(_ scalar: Unicode.Scalar) -> String {
    let hex = String(scalar.value, radix: 16)
    return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }
}
