import Foundation

/// A one-dimensional array parameter, written as an array literal: `{"a","b",NULL}`.
public struct PGArray: PGEncodable {
  /// The elements; `nil` is SQL NULL.
  public var elements: [(any PGEncodable)?]

  /// Creates an array parameter.
  public init(_ elements: [(any PGEncodable)?]) {
    self.elements = elements
  }

  public var pgText: String {
    // Built as UTF-8 bytes: a multi-byte UTF-8 sequence never contains `"` or `\`, so escaping
    // byte by byte is exact, and far cheaper than appending scalars to a String.
    var bytes: [UInt8] = []
    bytes.reserveCapacity(2 + elements.count * 24)
    bytes.append(UInt8(ascii: "{"))
    for (index, element) in elements.enumerated() {
      if index > 0 { bytes.append(UInt8(ascii: ",")) }
      guard let element else {
        bytes.append(contentsOf: "NULL".utf8)
        continue
      }
      bytes.append(UInt8(ascii: "\""))
      for byte in element.pgText.utf8 {
        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
          bytes.append(UInt8(ascii: "\\"))
        }
        bytes.append(byte)
      }
      bytes.append(UInt8(ascii: "\""))
    }
    bytes.append(UInt8(ascii: "}"))
    return String(decoding: bytes, as: UTF8.self)
  }
}
