import Foundation

extension ConfigurationKey {
  /// A key's type and accepted values: the only place a key's range is written.
  public enum ValueKind: Sendable, Equatable {
    /// A whole number in the range.
    case integer(ClosedRange<Int>)
    /// A number of seconds (fractions allowed) in the range.
    case seconds(ClosedRange<Double>)
    /// A list of numbers of seconds, each in the range.
    case secondsList(ClosedRange<Double>)
    /// Calls per second, above 0 and at most the upper bound.
    case rate(Double)
    /// `true` or `false`.
    case boolean
    /// Free text.
    case text
    /// One of the listed words.
    case choice([String])
    /// `host:port` on a loopback address, or empty to switch the listener off.
    case loopbackAddress
    /// A secret: read from `$CREDENTIALS_DIRECTORY` or the environment, never from the file.
    case secret

    /// What the key takes, for documentation and error messages.
    public var expectation: String {
      switch self {
      case .integer(let range): return "an integer from \(range.lowerBound) to \(range.upperBound)"
      case .seconds(let range):
        return
          "a number of seconds from \(Self.number(range.lowerBound)) to \(Self.number(range.upperBound))"
      case .secondsList(let range):
        return
          "a list of numbers of seconds, each from \(Self.number(range.lowerBound)) to \(Self.number(range.upperBound))"
      case .rate(let maximum):
        return "calls per second, above 0 and at most \(Self.number(maximum))"
      case .boolean: return "true or false"
      case .text: return "text"
      case .choice(let words): return "one of " + words.joined(separator: ", ")
      case .loopbackAddress: return "host:port on a loopback address, or empty for off"
      case .secret: return "a secret (credential file or environment variable)"
      }
    }

    /// Why `value` is not acceptable, or `nil` when it is. Values are not secret here (secrets
    /// are never range-checked), so the message may quote them.
    public func problem(with value: ConfigurationValue) -> String? {
      let accepted: Bool
      switch (self, value) {
      case (.integer(let range), .integer(let int)): accepted = range.contains(int)
      case (.seconds(let range), .number(let number)):
        accepted = number.isFinite && range.contains(number)
      case (.secondsList(let range), .numbers(let list)):
        guard list.allSatisfy({ $0.isFinite && range.contains($0) }) else {
          return "must be \(expectation)"
        }
        accepted = true
      // A zero rate would switch rate limiting off without a word.
      case (.rate(let maximum), .number(let number)):
        accepted = number.isFinite && number > 0 && number <= maximum
      case (.choice(let words), .text(let word)): accepted = words.contains(word)
      case (.loopbackAddress, .text(let text)):
        guard text.isEmpty || LoopbackAddress(text) != nil else {
          return "must be \(expectation) (127.0.0.1:9464, [::1]:9464, localhost:9464), "
            + "not \(text)"
        }
        accepted = true
      case (.boolean, .boolean), (.text, .text), (.secret, .secret): accepted = true
      default: return "must be \(expectation)"
      }
      return accepted ? nil : "must be \(expectation), not \(Self.plain(value))"
    }

    /// A value as shown by `check-config`: secrets as `<redacted>` (`(not set)` when empty or
    /// unset), lists in brackets, numbers without a trailing `.0`; an unset value as empty.
    public func render(_ value: ConfigurationValue?) -> String {
      switch value {
      case .secret(let secret): return secret.revealed.isEmpty ? "(not set)" : "<redacted>"
      case nil: return self == .secret ? "(not set)" : ""
      case let value?: return self == .secret ? "<redacted>" : Self.plain(value)
      }
    }

    /// A value that is not secret, as written in the configuration.
    static func plain(_ value: ConfigurationValue) -> String {
      switch value {
      case .integer(let int): return String(int)
      case .number(let number): return Self.number(number)
      case .numbers(let list): return "[" + list.map(Self.number).joined(separator: ", ") + "]"
      case .boolean(let bool): return String(bool)
      case .text(let text): return text
      case .secret: return "<redacted>"
      }
    }

    /// A number as written in the configuration (no trailing `.0`).
    static func number(_ value: Double) -> String {
      value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
  }
}
