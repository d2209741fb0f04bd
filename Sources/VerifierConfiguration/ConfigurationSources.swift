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
        && !$0.hasPrefix("VERIFIERD_TEST_") && !WebhookEndpointKeys.isSecretVariable($0)
    }.sorted()
  }
}
