import Providers

/// One key's value as the configuration reads it, before it lands in a
/// ``RuntimeConfiguration`` field: checked against the key's ``ConfigurationKey/ValueKind`` and
/// rendered by it.
public enum ConfigurationValue: Sendable, Hashable {
  /// A whole number.
  case integer(Int)
  /// A number (seconds, calls per second).
  case number(Double)
  /// A list of numbers (seconds).
  case numbers([Double])
  /// `true` or `false`.
  case boolean(Bool)
  /// Text.
  case text(String)
  /// A secret; never rendered.
  case secret(Secret)
}
