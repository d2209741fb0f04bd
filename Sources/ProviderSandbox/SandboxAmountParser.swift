/// Reads the Finicity verify body `{"amounts": [0.12, 0.15]}` from its raw JSON text.
///
/// Each amount must be a JSON number written exactly `0.dd` (1 to 99 cents): the text is checked,
/// never a binary floating-point value, so `0.120`, `1.2e-1` or `0.1` are refused as Finicity's
/// two-decimal format would be.
enum SandboxAmountParser {
  /// The amounts in cents, or `nil` when the body is not an object whose `amounts` is two such
  /// numbers.
  static func cents(_ body: [UInt8]) -> [Int]? {
    var scanner = Scanner(bytes: body)
    guard let texts = scanner.amountTexts(), texts.count == 2 else { return nil }
    var cents: [Int] = []
    for text in texts {
      let chars = Array(text)
      guard chars.count == 4, chars[0] == "0", chars[1] == ".", chars[2].isASCII, chars[3].isASCII,
        let tens = chars[2].wholeNumberValue, let units = chars[3].wholeNumberValue
      else { return nil }
      let value = tens * 10 + units
      guard value >= 1 else { return nil }
      cents.append(value)
    }
    return cents
  }

  /// A minimal scanner over the top-level JSON object (the body was already checked to be JSON).
  private struct Scanner {
    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipSpace() {
      while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
        index += 1
      }
    }

    mutating func expect(_ byte: UInt8) -> Bool {
      skipSpace()
      guard current == byte else { return false }
      index += 1
      return true
    }

    /// A JSON string's raw content (escapes kept), positioned after the closing quote.
    mutating func string() -> String? {
      guard expect(UInt8(ascii: "\"")) else { return nil }
      let start = index
      while let byte = current, byte != UInt8(ascii: "\"") {
        index += byte == UInt8(ascii: "\\") ? 2 : 1
      }
      guard current != nil else { return nil }
      defer { index += 1 }
      return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// Skips any value, nested or not.
    mutating func skipValue() -> Bool {
      skipSpace()
      var depth = 0
      repeat {
        guard let byte = current else { return false }
        switch byte {
        case UInt8(ascii: "\""): guard string() != nil else { return false }
        case UInt8(ascii: "{"), UInt8(ascii: "["):
          depth += 1
          index += 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
          if depth == 0 { return true }
          depth -= 1
          index += 1
        case UInt8(ascii: ","): if depth == 0 { return true } else { index += 1 }
        default: index += 1
        }
      } while true
    }

    /// The raw texts of the top-level `amounts` array's elements.
    mutating func amountTexts() -> [String]? {
      guard expect(UInt8(ascii: "{")) else { return nil }
      var found: [String]?
      while true {
        guard let key = string(), expect(UInt8(ascii: ":")) else { return nil }
        if key == "amounts" {
          found = array()
          if found == nil { return nil }
        } else if !skipValue() {
          return nil
        }
        if expect(UInt8(ascii: ",")) { continue }
        return expect(UInt8(ascii: "}")) ? found : nil
      }
    }

    /// An array's elements as raw texts; `nil` unless every element is a bare token (a number).
    mutating func array() -> [String]? {
      guard expect(UInt8(ascii: "[")) else { return nil }
      var texts: [String] = []
      if expect(UInt8(ascii: "]")) { return texts }
      while true {
        skipSpace()
        let start = index
        while let byte = current, byte != UInt8(ascii: ","), byte != UInt8(ascii: "]"),
          byte != 0x20, byte != 0x0A, byte != 0x0D, byte != 0x09
        {
          index += 1
        }
        texts.append(String(decoding: bytes[start..<index], as: UTF8.self))
        if expect(UInt8(ascii: ",")) { continue }
        return expect(UInt8(ascii: "]")) ? texts : nil
      }
    }
  }
}
