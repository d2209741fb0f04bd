/// What the status pages need of HTML: escaping, and the few elements they repeat.
enum HTML {
  /// `text` with `&`, `<`, `>`, `"` and `'` escaped: safe in element content and in quoted
  /// attribute values, whatever an application inserted.
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(character)
      }
    }
    return out
  }

  /// `text` with every run of four or more digits shown as `####`: messages may quote a
  /// provider's error text, which could hold an account number, and the pages show none.
  static func maskDigits(_ text: String) -> String {
    var out = ""
    var digits = ""
    func flush() {
      out += digits.count >= 4 ? "####" : digits
      digits = ""
    }
    for character in text {
      if character.isASCII, character.isNumber {
        digits.append(character)
      } else {
        flush()
        out.append(character)
      }
    }
    flush()
    return out
  }

  /// A table: `header` and `rows` are HTML already (escape text first); `numeric` columns are
  /// right-aligned. An empty table says `empty` instead.
  static func table(
    _ header: [String], _ rows: [[String]], numeric: Set<Int> = [], empty: String = "none"
  ) -> String {
    guard !rows.isEmpty else { return "<p class=\"quiet\">\(escape(empty))</p>" }
    func cells(_ row: [String], _ tag: String) -> String {
      row.enumerated().map { column, cell in
        numeric.contains(column)
          ? "<\(tag) class=\"n\">\(cell)</\(tag)>" : "<\(tag)>\(cell)</\(tag)>"
      }.joined()
    }
    return "<table><thead><tr>\(cells(header, "th"))</tr></thead><tbody>"
      + rows.map { "<tr>\(cells($0, "td"))</tr>" }.joined() + "</tbody></table>"
  }

  /// A link to job `id`'s timeline page.
  static func jobLink(_ id: Int64) -> String {
    "<a href=\"/jobs/\(id)\">job \(id)</a>"
  }

  /// A count of seconds as people read it: `42 s`, `7 min`, `3.5 h`, `2.1 d`.
  static func duration(_ seconds: Double) -> String {
    guard seconds.isFinite else { return "-" }
    return switch seconds {
    case ..<120: "\(Int(seconds.rounded())) s"
    case ..<7_200: "\(Int((seconds / 60).rounded())) min"
    case ..<172_800: "\(decimal(seconds / 3_600)) h"
    default: "\(decimal(seconds / 86_400)) d"
    }
  }

  /// `value` with one decimal (`-` when it is not finite).
  static func decimal(_ value: Double) -> String {
    guard value.isFinite, abs(value) < 1e15 else { return "-" }
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(abs(tenths % 10))"
  }

  /// `share` (0...1) as a percentage with one decimal (`4.5 %`): never in the `0.dd` form an
  /// amount in dollars takes, so a page can be scanned for amounts.
  static func percent(_ share: Double) -> String {
    "\(decimal(share * 100)) %"
  }
}
