import CLibPQ
import Foundation

/// Removes bound parameter values from server text.
struct Scrubber {
  let secrets: [String]

  init(secrets: [String]) {
    // Longest first, so a value containing another is removed whole.
    self.secrets = secrets.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
  }

  func callAsFunction(_ text: String) -> String {
    var text = text
    for secret in secrets {
      // Quoted occurrences of any length (`invalid input syntax for type integer: "x"`), bare ones
      // when long enough not to be an ordinary word or number of the message itself.
      text = text.replacingOccurrences(of: "\"\(secret)\"", with: "\"<redacted>\"")
      if secret.count >= 4 { text = Self.replaceWords(secret, in: text) }
    }
    return text
  }

  /// Replaces occurrences of `word` not inside a longer identifier or number.
  static func replaceWords(_ word: String, in text: String) -> String {
    var result = ""
    var rest = text[...]
    while let range = rest.range(of: word) {
      let before =
        range.lowerBound == rest.startIndex ? nil : rest[rest.index(before: range.lowerBound)]
      let after = range.upperBound == rest.endIndex ? nil : rest[range.upperBound]
      let glued = [before, after].contains {
        $0.map { $0.isLetter || $0.isNumber || $0 == "_" } ?? false
      }
      result += rest[..<range.lowerBound]
      result += glued ? String(rest[range]) : "<redacted>"
      rest = rest[range.upperBound...]
    }
    return result + rest
  }

  /// Server details that print row values verbatim.
  static func echoesRowValues(_ detail: String) -> Bool {
    detail.hasPrefix("Failing row contains") || detail.hasPrefix("Key (")
      || detail.contains(")=(")
  }
}
