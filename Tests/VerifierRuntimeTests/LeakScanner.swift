import Foundation

/// Looks for secrets, account numbers and amounts in collected text.
///
/// - Secrets are long, distinctive strings the test chose: a substring search finds them (and
///   their common prefix, so a truncated secret counts too) without false alarms.
/// - Account numbers follow patterns the test chose (``AccountPattern``): every match of the
///   pattern is looked up in the set of account numbers the test enqueued, so an accidental run of
///   digits cannot raise a false alarm. The patterns leave out the last four digits (those are
///   meant to be shown; the rest never), so a full number and a number cut before its last four
///   are both caught. They are also searched in a view of the text with spaces, dashes, dots and
///   underscores removed, which catches a grouped `9300 0426 1728 …` or `9300-0426-…` form.
/// - Amounts are short numbers, so searching for each one would match timestamps, ids and
///   latencies; and with 252 jobs the deposits cover nearly every cent from 1 to 99 anyway. The
///   scanner looks for the forms an amount takes on its way through the system instead:
///   dollars with two decimals, `0.dd`, as the providers' bodies, the SQL `numeric` values and the
///   customer's submissions write them (also `0.dd000…`, as `numeric` division leaves them), not
///   preceded by a digit or dot and not followed by another digit (so `08:10:00.123` and
///   `1763712000.12` do not count, and nothing legitimate in the output prints a fraction of a
///   dollar); and any number right after an amount-ish word (`amount`,
///   `amounts`, `md1`, `md2`, `cents`), which catches cents written as integers (`"md1": 12`,
///   `amountsCents=[12, 5]`). Other forms the test sent (three decimals, over a dollar) are
///   needles that count only when no digit or dot touches them. The SQL contract's refusals name
///   documented figures (`between 0.01 and 0.99 dollars`, the hint's `e.g. ARRAY[0.12, 0.34]`),
///   as does the daemon's refusal of a malformed submission (`from 0.01 to 0.99`); these are not
///   amounts anyone typed, and ``LeakEvidence`` removes them before scanning
///   (``documentedPhrases``).
struct LeakScanner {
  /// A string that must not appear, with a name for the message.
  struct Needle {
    var name: String
    var value: String
    /// A number: found only when no digit or dot touches it (`1.37` is not in `31.375`).
    var isNumber = false
  }

  /// Account numbers of one shape: matches of `pattern` that are in `known` are leaks.
  struct AccountPattern {
    var name: String
    var pattern: NSRegularExpression
    var known: Set<String>
  }

  /// Something found.
  struct Finding: CustomStringConvertible {
    var source: String
    var rule: String
    var excerpt: String
    var description: String { "\(source): \(rule) in \"\(excerpt)\"" }
  }

  /// Phrases that hold documented figures, not amounts anyone typed: the SQL contract's bounds of
  /// an amount and the example in its hint, and the daemon's reason for refusing a submission.
  static let documentedPhrases = [
    "between 0.01 and 0.99 dollars", "e.g. ARRAY[0.12, 0.34]", "from 0.01 to 0.99",
  ]

  var needles: [Needle]
  var accounts: [AccountPattern]

  private static let amountPatterns: [(name: String, regex: NSRegularExpression)] = [
    (
      "an amount in dollars (0.dd)",
      try! NSRegularExpression(pattern: #"(?<![0-9.])0\.[0-9]{2}0*(?![0-9])"#)
    ),
    (
      "a number after an amount-ish word",
      try! NSRegularExpression(pattern: #"(?i)\b(amounts?|md[12]|cents)[^A-Za-z0-9\n]{0,4}[0-9]"#)
    ),
  ]

  private static let separators = CharacterSet(charactersIn: " -._\t")

  /// Every finding in `text`, labelled with `source`.
  func scan(_ text: String, source: String) -> [Finding] {
    var findings: [Finding] = []
    for needle in needles {
      let range =
        needle.isNumber
        ? Self.matches(of: Self.number(needle.value), in: text).first
        : text.range(of: needle.value)
      if let range {
        findings.append(
          Finding(source: source, rule: needle.name, excerpt: Self.excerpt(text, range)))
      }
    }
    let compact = String(
      String.UnicodeScalarView(text.unicodeScalars.filter { !Self.separators.contains($0) }))
    for account in accounts {
      for (view, label) in [(text, ""), (compact, " (separators removed)")] {
        for range in Self.matches(of: account.pattern, in: view)
        where account.known.contains(String(view[range])) {
          findings.append(
            Finding(source: source, rule: account.name + label, excerpt: Self.excerpt(view, range)))
        }
      }
    }
    for pattern in Self.amountPatterns {
      for range in Self.matches(of: pattern.regex, in: text).prefix(3) {
        findings.append(
          Finding(source: source, rule: pattern.name, excerpt: Self.excerpt(text, range)))
      }
    }
    return findings
  }

  /// A pattern matching `value` with no digit or dot touching it.
  static func number(_ value: String) -> NSRegularExpression {
    let escaped = NSRegularExpression.escapedPattern(for: value)
    return try! NSRegularExpression(pattern: "(?<![0-9.])\(escaped)(?![0-9])")
  }

  static func matches(of regex: NSRegularExpression, in text: String) -> [Range<String.Index>] {
    regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
      Range($0.range, in: text)
    }
  }

  /// Up to 40 characters either side of `range`, on one line.
  static func excerpt(_ text: String, _ range: Range<String.Index>) -> String {
    let start = text.index(range.lowerBound, offsetBy: -40, limitedBy: text.startIndex)
    let end = text.index(range.upperBound, offsetBy: 40, limitedBy: text.endIndex)
    return String(text[(start ?? text.startIndex)..<(end ?? text.endIndex)])
      .replacingOccurrences(of: "\n", with: "⏎")
  }
}
