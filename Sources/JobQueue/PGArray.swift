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
    let items = elements.map { element -> String in
      guard let element else { return "NULL" }
      var quoted = "\""
      for character in element.pgText.unicodeScalars {
        if character == "\"" || character == "\\" { quoted.unicodeScalars.append("\\") }
        quoted.unicodeScalars.append(character)
      }
      return quoted + "\""
    }
    return "{" + items.joined(separator: ",") + "}"
  }
}
