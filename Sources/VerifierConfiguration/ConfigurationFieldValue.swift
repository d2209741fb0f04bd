import Providers

/// A Swift type a configuration key's value lands in (a ``RuntimeConfiguration`` field), and
/// how it converts from and to a ``ConfigurationValue``.
protocol ConfigurationFieldValue: Sendable {
  /// The field's value for `value`, or `nil` when `value` is of another shape.
  init?(configurationValue value: ConfigurationValue)
  /// The field's value as the configuration writes it; `nil` when unset.
  var configurationValue: ConfigurationValue? { get }
}

extension Int: ConfigurationFieldValue {
  init?(configurationValue value: ConfigurationValue) {
    guard case .integer(let int) = value else { return nil }
    self = int
  }
  var configurationValue: ConfigurationValue? { .integer(self) }
}

extension Double: ConfigurationFieldValue {
  init?(configurationValue value: ConfigurationValue) {
    guard case .number(let number) = value else { return nil }
    self = number
  }
  var configurationValue: ConfigurationValue? { .number(self) }
}

extension Bool: ConfigurationFieldValue {
  init?(configurationValue value: ConfigurationValue) {
    guard case .boolean(let bool) = value else { return nil }
    self = bool
  }
  var configurationValue: ConfigurationValue? { .boolean(self) }
}

extension String: ConfigurationFieldValue {
  init?(configurationValue value: ConfigurationValue) {
    switch value {
    case .text(let text): self = text
    case .secret(let secret): self = secret.revealed
    default: return nil
    }
  }
  var configurationValue: ConfigurationValue? { .text(self) }
}

extension Secret: ConfigurationFieldValue {
  init?(configurationValue value: ConfigurationValue) {
    switch value {
    case .secret(let secret): self = secret
    case .text(let text): self = Secret(text)
    default: return nil
    }
  }
  var configurationValue: ConfigurationValue? { .secret(self) }
}

extension Duration: ConfigurationFieldValue {
  /// Seconds to a duration, to the microsecond.
  init?(configurationValue value: ConfigurationValue) {
    guard case .number(let seconds) = value else { return nil }
    self = .seconds(microsecondsOf: seconds)
  }
  var configurationValue: ConfigurationValue? { .number(seconds) }

  /// `seconds` (fractions allowed) as a duration, rounded to the microsecond.
  static func seconds(microsecondsOf seconds: Double) -> Duration {
    .microseconds(Int64((seconds * 1_000_000).rounded()))
  }

  /// The duration as a number of seconds.
  var seconds: Double {
    let (whole, attoseconds) = components
    return Double(whole) + Double(attoseconds) / 1e18
  }
}

extension Array: ConfigurationFieldValue where Element == Duration {
  init?(configurationValue value: ConfigurationValue) {
    guard case .numbers(let list) = value else { return nil }
    self = list.map { Duration.seconds(microsecondsOf: $0) }
  }
  var configurationValue: ConfigurationValue? { .numbers(map(\.seconds)) }
}

extension Optional: ConfigurationFieldValue where Wrapped: ConfigurationFieldValue {
  /// Empty text and an empty secret are "not set".
  init?(configurationValue value: ConfigurationValue) {
    switch value {
    case .text(""): self = .none
    case .secret(let secret) where secret.revealed.isEmpty: self = .none
    default:
      guard let wrapped = Wrapped(configurationValue: value) else { return nil }
      self = .some(wrapped)
    }
  }
  var configurationValue: ConfigurationValue? { self?.configurationValue }
}
