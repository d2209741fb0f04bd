import Foundation

/// One key of `verifierd`'s configuration: its name in the JSON file, the `VERIFIERD_*`
/// environment variable that overrides it, its type and range, its default, whether it is secret
/// and whether SIGHUP applies it. ``ConfigurationKey/all`` lists every key; `check-config`,
/// reload and `config/README.md` all read this one list.
public struct ConfigurationKey: Sendable {
  /// A key's type and accepted values.
  public enum Kind: Sendable, Equatable {
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

    /// A number as written in the configuration (no trailing `.0`).
    static func number(_ value: Double) -> String {
      value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
  }

  /// The dotted name, as nested in the JSON file: `http.connect_timeout_seconds`.
  public let name: String
  /// Type and range.
  public let kind: Kind
  /// The default, as the documentation says it.
  public let defaultText: String
  /// Whether SIGHUP applies a change (otherwise it needs a restart).
  public let live: Bool
  /// One line on what it does.
  public let summary: String
  /// The value in force, rendered from a resolved configuration (secrets as `<redacted>`);
  /// `nil` for keys the resolved configuration does not keep (the older `*_file`/`*_env` forms).
  public let effective: @Sendable (RuntimeConfiguration) -> String?

  init(
    _ name: String, _ kind: Kind, default defaultText: String, live: Bool, _ summary: String,
    effective: @escaping @Sendable (RuntimeConfiguration) -> String?
  ) {
    self.name = name
    self.kind = kind
    self.defaultText = defaultText
    self.live = live
    self.summary = summary
    self.effective = effective
  }

  /// Whether the value is secret (redacted wherever configuration is shown).
  public var isSecret: Bool { kind == .secret }

  /// The environment variable that overrides the key: `VERIFIERD_` and the name in capitals,
  /// dots as underscores.
  public var environmentName: String {
    Self.environmentPrefix + name.uppercased().replacingOccurrences(of: ".", with: "_")
  }

  /// The file name under `$CREDENTIALS_DIRECTORY` that holds a secret key
  /// (`finicity.partner_secret` → `finicity-partner-secret`); `nil` for other keys.
  public var credentialName: String? {
    guard isSecret else { return nil }
    return name.replacingOccurrences(of: ".", with: "-").replacingOccurrences(of: "_", with: "-")
  }

  /// The prefix of every override variable.
  public static let environmentPrefix = "VERIFIERD_"

  /// Looks a key up by its dotted name.
  public static func named(_ name: String) -> ConfigurationKey? {
    all.first { $0.name == name }
  }
}
