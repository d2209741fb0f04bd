/// The two micro-deposit amounts a customer reports, each from 1 to 99 cents.
///
/// Order does not matter to the providers (inferred for Finicity); it is kept as given.
public struct AmountPair: Sendable, Hashable, CustomStringConvertible,
  CustomDebugStringConvertible, CustomReflectable
{
  /// The first amount.
  public let first: Cents
  /// The second amount.
  public let second: Cents

  /// Creates a pair; `nil` unless both amounts are between 1 and 99 cents.
  public init?(_ first: Cents, _ second: Cents) {
    guard (1...99).contains(first.value), (1...99).contains(second.value) else { return nil }
    self.first = first
    self.second = second
  }

  /// Creates a pair from integer cents; `nil` unless both are between 1 and 99.
  public init?(cents first: Int, _ second: Int) {
    guard let a = Cents(first), let b = Cents(second) else { return nil }
    self.init(a, b)
  }

  /// The Finicity verify body, `{"amounts":[0.12,0.15]}`: JSON numbers with exactly two
  /// decimals written as literals, never produced by floating-point arithmetic.
  public var finicityVerifyBody: String {
    "{\"amounts\":[\(first.decimalString()),\(second.decimalString())]}"
  }

  /// A redacted text form, safe for logs.
  public var description: String { "AmountPair(<redacted>)" }
  /// Same as `description`: redacted, safe for logs.
  public var debugDescription: String { description }
  /// A mirror without secrets, full account numbers or amounts, so `dump` stays redacted.
  public var customMirror: Mirror { Mirror(self, children: [:]) }
}
