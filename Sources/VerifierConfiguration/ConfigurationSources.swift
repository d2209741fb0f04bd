import Foundation

/// Where `verifierd`'s configuration comes from, highest precedence first:
///
/// 1. secrets: files in `$CREDENTIALS_DIRECTORY` (systemd's `LoadCredential=`), named by
///    ``ConfigurationKey/credentialName``;
/// 2. `VERIFIERD_*` environment variables (``ConfigurationKey/environmentName``);
/// 3. the JSON file;
/// 4. the defaults (``ConfigurationKey/defaultText``).
///
/// The older secret forms (`*_file` keys, and the variables `*_env` keys name) come after
/// these.
public struct ConfigurationSources: Sendable {
  /// The JSON file, if any.
  public var filePath: String?
  /// The process environment (`VERIFIERD_*`, `CREDENTIALS_DIRECTORY`, `DATABASE_URL`, `PG*`).
  public var environment: [String: String]

  /// Creates sources.
  public init(
    filePath: String?, environment: [String: String] = ProcessInfo.processInfo.environment
  ) {
    self.filePath = filePath
    self.environment = environment
  }

  /// `$CREDENTIALS_DIRECTORY` when set and not empty.
  public var credentialsDirectory: String? {
    environment["CREDENTIALS_DIRECTORY"].flatMap { $0.isEmpty ? nil : $0 }
  }

  /// The `VERIFIERD_*` variables that name a key, by key name.
  var overrides: [String: String] {
    var result: [String: String] = [:]
    for key in ConfigurationKey.all {
      if let value = environment[key.environmentName] { result[key.name] = value }
    }
    return result
  }

  /// `VERIFIERD_*` variables that name no key (likely typos; reported as warnings, since the
  /// prefix is also used by tooling around the daemon).
  var unknownOverrides: [String] {
    let known = Set(ConfigurationKey.all.map(\.environmentName))
    return environment.keys.filter {
      $0.hasPrefix(ConfigurationKey.environmentPrefix) && !known.contains($0)
        && !$0.hasPrefix("VERIFIERD_TEST_")
    }.sorted()
  }
}

/// A configuration resolved from its sources, with where each value came from.
public struct LoadedConfiguration: Sendable {
  /// The configuration to run with.
  public var configuration: RuntimeConfiguration
  /// Where each key's value came from (`default`, `file`, a variable or a credential), by key.
  public var origins: [String: String]
  /// Things that are not errors but probably not meant (unknown `VERIFIERD_*` variables,
  /// missing secrets).
  public var warnings: [String]
  /// The values read for keys the configuration does not keep (the older secret forms).
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

  /// The keys whose effective values differ between `self` and `other` and need a restart to
  /// change (SIGHUP cannot apply them).
  public func restartNeeded(comparedTo other: LoadedConfiguration) -> [String] {
    ConfigurationKey.all.filter { key in
      guard !key.live else { return false }
      if key.name == "database.password" {
        return configuration.database.password != other.configuration.database.password
      }
      return key.effective(configuration) != key.effective(other.configuration)
    }.map(\.name)
  }
}

extension LoadedConfiguration {
  /// Records where secrets not given the new ways came from (the older `*_file` and `*_env`
  /// forms), and warns about secrets set nowhere.
  mutating func noteLegacySecrets(sources: ConfigurationSources, values: ValueTree) {
    let legacy: [(key: String, defaultVariable: String, refused: String)] = [
      ("finicity.partner_secret", "FINICITY_PARTNER_SECRET", "Finicity"),
      ("finicity.app_key", "FINICITY_APP_KEY", "Finicity"),
      ("folio.shared_secret", "FOLIO_SHARED_SECRET", "Folio"),
    ]
    for (key, defaultVariable, provider) in legacy where origins[key] == nil {
      let variable = values.value("\(key)_env") as? String ?? defaultVariable
      if let file = values.value("\(key)_file") as? String {
        origins[key] = "file \(file)"
      } else if let value = sources.environment[variable], !value.isEmpty {
        origins[key] = "environment \(variable)"
      } else {
        origins[key] = "not set"
        warnings.append("\(key) is not set: \(provider) will refuse every call")
      }
    }
    if origins["database.password"] == nil { origins["database.password"] = "not set" }
  }
}
