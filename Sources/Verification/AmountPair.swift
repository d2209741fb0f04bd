/// The two micro-deposit amounts a customer reports, each exactly 1 to 99 cents.
///
/// Order does not matter to the providers (inferred for Finicity); it is kept as given.
/// `description` is redacted.
public struct AmountPair: Sendable, Hashable, CustomStringConvertible,
  CustomDebugStringConvertible, CustomReflectable
{
  /// The amounts a micro-deposit can have, in cents: 1 to 99.
  public static let validRange = 1...99

  /// The first amount.
  public let first: Cents
  /// The second amount.
  public let second: Cents

  /// Creates a pair; `nil` unless both amounts are between 1 and 99 cents.
  public init?(_ first: Cents, _ second: Cents) {
    guard Self.validRange.contains(first.value), Self.validRange.contains(second.value) else {
      return nil
    }
    self.first = first
    self.second = second
  }

  /// Creates a pair from integer cents; `nil` unless both are between 1 and 99.
  public init?(cents first: Int, _ second: Int) {
    guard let first = Cents(first), let second = Cents(second) else { return nil }
    self.init(first, second)
  }

  /// Parses the two amounts as the database prints them (see ``Cents/init(decimalText:)``);
  /// `nil` unless both are exact amounts from 0.01 to 0.99.
  public init?(decimalTexts first: String, _ second: String) {
    guard let first = Cents(decimalText: first), let second = Cents(decimalText: second) else {
      return nil
    }
    self.init(first, second)
  }

  /// Always `AmountPair(<redacted>)`.
  public var description: String { "AmountPair(<redacted>)" }
  /// Same as `description`.
  public var debugDescription: String { description }
  /// A mirror with no children, so `dump` stays redacted.
  public var customMirror: Mirror { Mirror(self, children: [:]) }
}
