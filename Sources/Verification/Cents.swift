/// A whole number of cents, never negative. Amounts are built from these, never from floating
/// point.
///
/// `description` is redacted so an amount can never reach a log line or an event by accident;
/// use ``decimalString(fractionDigits:)`` to put it on the wire.
public struct Cents: Sendable, Hashable, Comparable, CustomStringConvertible,
  CustomDebugStringConvertible, CustomReflectable
{
  /// The number of cents.
  public let value: Int

  /// Creates an amount from a non-negative number of cents; `nil` when negative.
  public init?(_ value: Int) {
    guard value >= 0 else { return nil }
    self.value = value
  }

  /// Parses exact decimal dollars as PostgreSQL prints a `numeric` ("0.12", "0.1", "0.120").
  ///
  /// Accepted: ASCII digits, optionally a dot followed by at least one digit. At most two
  /// fraction digits may be significant; further ones must be zeros, because `numeric` keeps the
  /// scale it was given ("0.120" is 12 cents, "0.125" is refused). Refused: signs, spaces,
  /// exponents, a leading or trailing dot, more than six whole digits.
  public init?(decimalText text: String) {
    let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let whole = parts[0]
    let fraction = parts.count > 1 ? parts[1] : Substring("")
    guard !whole.isEmpty, whole.count <= 6, whole.allSatisfy(\.isASCIIDigit) else { return nil }
    guard parts.count == 1 || !fraction.isEmpty, fraction.allSatisfy(\.isASCIIDigit) else {
      return nil
    }
    guard fraction.dropFirst(2).allSatisfy({ $0 == "0" }) else { return nil }
    var cents = 0
    for digit in fraction.prefix(2) { cents = cents * 10 + digit.asciiDigitValue }
    if fraction.count == 1 { cents *= 10 }
    var dollars = 0
    for digit in whole { dollars = dollars * 10 + digit.asciiDigitValue }
    self.value = dollars * 100 + cents
  }

  /// Dollars with `fractionDigits` (at least two) fraction digits: 12 cents → "0.12", or
  /// "0.12000" with five (Folio's wire format).
  public func decimalString(fractionDigits: Int = 2) -> String {
    let cents = value % 100
    let centsText = cents < 10 ? "0\(cents)" : "\(cents)"
    let padding = String(repeating: "0", count: max(2, fractionDigits) - 2)
    return "\(value / 100).\(centsText)\(padding)"
  }

  /// Orders amounts by value.
  public static func < (lhs: Cents, rhs: Cents) -> Bool { lhs.value < rhs.value }

  /// Always `Cents(<redacted>)`.
  public var description: String { "Cents(<redacted>)" }
  /// Same as `description`.
  public var debugDescription: String { description }
  /// A mirror with no children, so `dump` stays redacted.
  public var customMirror: Mirror { Mirror(self, children: [:]) }
}
