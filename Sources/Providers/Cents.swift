/// A whole number of cents. Amounts are built from these, never from floating point.
///
/// `description` is redacted so an amount can never leak into a log line by accident;
/// use ``decimalString(fractionDigits:)`` to put it on the wire.
public struct Cents: Sendable, Hashable, Comparable, CustomStringConvertible,
  CustomDebugStringConvertible, CustomReflectable
{
  /// The number of cents, never negative.
  public let value: Int

  /// Creates an amount from a non-negative number of cents.
  public init?(_ value: Int) {
    guard value >= 0 else { return nil }
    self.value = value
  }

  /// Parses dollars as a customer types them ("0.12", ".12", "0.1", "1", "$0.05") without floating point.
  ///
  /// At most two significant fraction digits; further digits must be zeros ("0.120" is accepted).
  public init?(parsingDollars text: String) {
    var trimmed = Substring(text.trimmingWhitespace())
    if trimmed.first == "$" { trimmed = trimmed.dropFirst() }
    guard !trimmed.isEmpty else { return nil }
    let parts = trimmed.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let whole = parts[0]
    let fraction = parts.count > 1 ? parts[1] : ""
    guard whole.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit) else { return nil }
    guard !(whole.isEmpty && fraction.isEmpty), whole.count <= 9 else { return nil }
    guard fraction.dropFirst(2).allSatisfy({ $0 == "0" }) else { return nil }
    let cents2 = String(fraction.prefix(2)).padding(toLength: 2, withPad: "0", startingAt: 0)
    guard let dollars = whole.isEmpty ? 0 : Int(whole), let cents = Int(cents2) else { return nil }
    self.value = dollars * 100 + cents
  }

  /// The amount in dollars as a decimal string with `fractionDigits` (at least 2) digits: 12 → "0.12".
  public func decimalString(fractionDigits: Int = 2) -> String {
    let digits = max(2, fractionDigits)
    let cents = value % 100
    let centsText = cents < 10 ? "0\(cents)" : "\(cents)"
    return "\(value / 100).\(centsText)" + String(repeating: "0", count: digits - 2)
  }

  /// Orders amounts by value.
  public static func < (lhs: Cents, rhs: Cents) -> Bool { lhs.value < rhs.value }

  /// A redacted text form, safe for logs.
  public var description: String { "Cents(<redacted>)" }
  /// Same as `description`: redacted, safe for logs.
  public var debugDescription: String { description }
  /// A mirror without secrets, full account numbers or amounts, so `dump` stays redacted.
  public var customMirror: Mirror { Mirror(self, children: [:]) }
}
