/// A parser for the one JSON shape the hot path reads: an object whose keys are plain ASCII
/// strings and whose values are integers, booleans or null, as PostgreSQL prints a `jsonb`.
/// Anything else is `nil` ("not this shape"), for a general decoder to take over.
enum FlatObject {
  /// A value of a flat object.
  enum Value: Equatable {
    case integer(Int64)
    case bool(Bool)
    case null
  }

  /// The fields of `text`, or `nil` when it is not a flat object (or repeats a key).
  static func parse(_ text: String) -> [String: Value]? {
    var text = text
    return text.withUTF8 { bytes -> [String: Value]? in
      var reader = Reader(bytes: bytes)
      return reader.object()
    }
  }

  private struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    mutating func skipSpace() {
      while index < bytes.count,
        bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09
      {
        index += 1
      }
    }

    mutating func take(_ byte: UInt8) -> Bool {
      skipSpace()
      guard index < bytes.count, bytes[index] == byte else { return false }
      index += 1
      return true
    }

    mutating func object() -> [String: Value]? {
      guard take(UInt8(ascii: "{")) else { return nil }
      var fields: [String: Value] = [:]
      if take(UInt8(ascii: "}")) { return end(fields) }
      repeat {
        guard let key = key(), take(UInt8(ascii: ":")), let value = value(),
          fields.updateValue(value, forKey: key) == nil
        else { return nil }
      } while take(UInt8(ascii: ","))
      guard take(UInt8(ascii: "}")) else { return nil }
      return end(fields)
    }

    mutating func end(_ fields: [String: Value]) -> [String: Value]? {
      skipSpace()
      return index == bytes.count ? fields : nil
    }

    /// A key of letters and digits only (no escapes).
    mutating func key() -> String? {
      guard take(UInt8(ascii: "\"")) else { return nil }
      let start = index
      while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
        let byte = bytes[index]
        guard
          (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte)
            || (0x61...0x7A).contains(byte)
        else { return nil }
        index += 1
      }
      guard index < bytes.count else { return nil }
      let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
      index += 1
      return key
    }

    mutating func value() -> Value? {
      skipSpace()
      guard index < bytes.count else { return nil }
      for (word, value) in [("true", Value.bool(true)), ("false", .bool(false)), ("null", .null)]
      where matches(word) {
        index += word.utf8.count
        return value
      }
      return integer()
    }

    func matches(_ word: String) -> Bool {
      let count = word.utf8.count
      guard bytes.count - index >= count else { return false }
      return zip(word.utf8, bytes[index..<index + count]).allSatisfy { $0 == $1 }
    }

    /// An integer without fraction or exponent that fits in 64 bits.
    mutating func integer() -> Value? {
      var negative = false
      if bytes[index] == UInt8(ascii: "-") {
        negative = true
        index += 1
      }
      let start = index
      var magnitude: Int64 = 0
      while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
        let digit = Int64(bytes[index] - 0x30)
        let (times, overflow) = magnitude.multipliedReportingOverflow(by: 10)
        let (sum, overflow2) = times.addingReportingOverflow(digit)
        guard !overflow, !overflow2 else { return nil }
        magnitude = sum
        index += 1
      }
      guard index > start, index - start == 1 || bytes[start] != UInt8(ascii: "0") else {
        return nil
      }
      if index < bytes.count,
        [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(
          bytes[index])
      {
        return nil
      }
      return .integer(negative ? -magnitude : magnitude)
    }
  }
}
