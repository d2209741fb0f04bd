import Foundation

/// One key of `verifierd`'s configuration: its name in the JSON file, the `VERIFIERD_*`
/// environment variable that overrides it, its type and range, its default, whether it is secret,
/// whether SIGHUP applies it, and the ``RuntimeConfiguration`` field it sets.
///
/// ``ConfigurationKey/all`` lists every key and is the only place ranges, defaults and
/// reload-ability are written: loading and checking, ``RuntimeConfiguration/validate()``,
/// `check-config`, the reload and `config/README.md` all read this one list.
public struct ConfigurationKey: Sendable {
  /// The dotted name, as nested in the JSON file: `http.connect_timeout_seconds`.
  public let name: String
  /// Type and range.
  public let kind: ValueKind
  /// The value an unset key takes.
  public let defaultValue: Default
  /// Whether SIGHUP applies a change (otherwise it needs a restart).
  public let live: Bool
  /// One line on what it does.
  public let summary: String
  /// The field the key sets; `nil` for keys the resolved configuration does not keep (the older
  /// `*_file`/`*_env` secret forms, which only say where a secret is).
  let binding: Binding?
  /// How the value in force is shown, when not by ``ValueKind/render(_:)`` (the database URL, whose
  /// password is redacted).
  let display: (@Sendable (ConfigurationValue?) -> String)?

  init(
    _ name: String, _ kind: ValueKind, default defaultValue: Default, live: Bool, _ summary: String,
    _ binding: Binding?, display: (@Sendable (ConfigurationValue?) -> String)? = nil
  ) {
    self.name = name
    self.kind = kind
    self.defaultValue = defaultValue
    self.live = live
    self.summary = summary
    self.binding = binding
    self.display = display
  }

  /// The default, as the documentation says it.
  public var defaultText: String { defaultValue.text(kind) }

  /// The key's value in `configuration`; `nil` when unset or not kept there.
  public func value(in configuration: RuntimeConfiguration) -> ConfigurationValue? {
    binding?.read(configuration)
  }

  /// The value in force in `configuration`, as shown (secrets as `<redacted>`); `nil` for keys
  /// the configuration does not keep.
  public func effective(_ configuration: RuntimeConfiguration) -> String? {
    guard let binding else { return nil }
    let value = binding.read(configuration)
    return display?(value) ?? kind.render(value)
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
