import Foundation

/// A configuration resolved from its sources, with where each value came from.
public struct LoadedConfiguration: Sendable {
  /// The configuration to run with.
  public var configuration: RuntimeConfiguration
  /// Where each key's value came from (`default`, `file`, a variable or a credential), by key.
  public var origins: [String: String]
  /// Things that are not errors but probably not meant (unknown `VERIFIERD_*` variables,
  /// missing secrets).
  public var warnings: [String]
  /// The values in force, as shown, of keys the configuration does not keep (the older secret
  /// forms).
  var raw: [String: String] = [:]

  /// Creates a loaded configuration.
  public init(
    configuration: RuntimeConfiguration, origins: [String: String], warnings: [String]
  ) {
    self.configuration = configuration
    self.origins = origins
    self.warnings = warnings
  }

  /// The value `key` has, as shown (secrets redacted).
  func shown(_ key: ConfigurationKey) -> String {
    key.effective(configuration) ?? raw[key.name]
      ?? (key.defaultText == "none" ? "(not set)" : key.defaultText)
  }

  /// Where `key`'s value came from.
  func origin(_ key: ConfigurationKey) -> String {
    origins[key.name] ?? (shown(key) == "(not set)" ? "not set" : "default")
  }

  /// The effective configuration, one line per key: `name = value  (origin)`, secrets redacted.
  public var rendered: String {
    let width = ConfigurationKey.all.map(\.name.count).max() ?? 0
    return ConfigurationKey.all.map { key in
      let name = key.name.padding(toLength: width, withPad: " ", startingAt: 0)
      let value = shown(key)
      let origin = origin(key)
      return "\(name) = \(value)" + (origin == "not set" ? "" : "  (\(origin))")
    }.joined(separator: "\n")
  }

  /// The effective configuration as one JSON object of `{value, origin}` by key, secrets
  /// redacted.
  public var renderedJSON: String {
    var object: [String: Any] = [:]
    for key in ConfigurationKey.all {
      object[key.name] = [
        "value": shown(key), "origin": origin(key),
        "live": key.live, "secret": key.isSecret,
      ]
    }
    let data =
      (try? JSONSerialization.data(
        withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))
      ?? Data()
    return String(decoding: data, as: UTF8.self)
  }

  /// The keys whose values differ between `self` and `other` and need a restart to change
  /// (SIGHUP cannot apply them).
  public func restartNeeded(comparedTo other: LoadedConfiguration) -> [String] {
    other.configuration.restartKeysChanged(in: configuration)
  }
}
