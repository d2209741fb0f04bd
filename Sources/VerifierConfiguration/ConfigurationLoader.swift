import Configuration
import Foundation
import Providers
import SystemPackage

/// Resolves ``ConfigurationSources`` into a ``RuntimeConfiguration`` with swift-configuration:
/// `VERIFIERD_*` variables over the JSON file over the catalogue's defaults, secrets from
/// `$CREDENTIALS_DIRECTORY` or the environment, else their older `*_file` and `*_env` forms.
/// Every value is checked against its key's range in ``ConfigurationKey/all`` and every problem
/// is collected, not just the first, so `verifierd check-config` names each bad key and why; no
/// message ever carries a secret.
public enum ConfigurationLoader {
  /// Loads and validates; throws a ``ConfigurationError`` listing every problem.
  public static func load(_ sources: ConfigurationSources) async throws -> LoadedConfiguration {
    var problems: [String] = []
    var providers: [any ConfigProvider] = []
    let collector = AccessCollector()
    var fileKeys: Set<String> = []
    var fileReadable = false
    if let path = sources.filePath {
      let (keys, fileProblems) = FileKeys.read(path: path)
      fileKeys = keys ?? []
      fileReadable = keys != nil
      problems += fileProblems
    }
    let (endpointNames, endpointProblems) = WebhookEndpointKeys.names(in: fileKeys)
    problems += endpointProblems
    let environment = EnvironmentVariablesProvider(
      environmentVariables: sources.environment.filter {
        $0.key.hasPrefix(ConfigurationKey.environmentPrefix)
      },
      secretsSpecifier: .specific(
        Set(ConfigurationKey.all.filter(\.isSecret).map(\.environmentName))
          .union(endpointNames.map(WebhookEndpointKeys.environmentName)))
    ).prefixKeys(with: ["verifierd"])
    providers.append(environment)
    if let path = sources.filePath {
      if fileReadable {
        do {
          providers.append(try await FileProvider<JSONSnapshot>(filePath: FilePath(path)))
        } catch {
          problems.append("the configuration file \(path) is not valid JSON configuration")
        }
      }
    }
    var secretProviders: [any ConfigProvider] = []
    if let directory = sources.credentialsDirectory {
      do {
        secretProviders.append(
          try await DirectoryFilesProvider(directoryPath: FilePath(directory)).mapKeys {
            AbsoluteConfigKey([
              $0.components.joined(separator: "-").replacingOccurrences(of: "_", with: "-")
            ])
          })
      } catch {
        problems.append("CREDENTIALS_DIRECTORY \(directory) cannot be read")
      }
    }
    secretProviders.append(environment)
    let reader = ConfigReader(providers: providers, accessReporter: collector)
    let secretReader = ConfigReader(providers: secretProviders, accessReporter: collector)
    let overrides = sources.overrides
    var origins: [String: String] = [:]
    for key in ConfigurationKey.all where !key.isSecret {
      if overrides[key.name] != nil {
        origins[key.name] = "environment \(key.environmentName)"
      } else if fileKeys.contains(key.name) {
        origins[key.name] = "file"
      }
    }
    var values: [String: ConfigurationValue] = [:]
    for key in ConfigurationKey.all where !key.isSecret {
      let origin = origins[key.name] ?? "default"
      switch read(key, reader, collector) {
      case .absent: break
      case .value(let value):
        if let problem = key.kind.problem(with: value) {
          problems.append("\(key.name) (\(origin)): \(problem)")
        } else {
          values[key.name] = value
        }
      case .unreadable:
        problems.append("\(key.name) (\(origin)): expected \(key.kind.expectation)")
      }
    }
    for key in ConfigurationKey.all where key.isSecret {
      let text = secretReader.string(forKey: ConfigKey(key.name), isSecret: true)
      if collector.takeFailed() {
        problems.append("\(key.name): the credential or variable cannot be read")
      } else if let text {
        values[key.name] = .secret(Secret(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        let credential = sources.credentialsDirectory.map {
          FileManager.default.fileExists(atPath: "\($0)/\(key.credentialName ?? "")")
        }
        origins[key.name] =
          credential == true
          ? "credential \(key.credentialName ?? "")" : "environment \(key.environmentName)"
      }
    }
    var warnings = sources.unknownOverrides.map { "\($0) names no configuration key; ignored" }
    for key in ConfigurationKey.all where key.isSecret && values[key.name] == nil {
      guard let legacy = LegacySecret(key, values: values, environment: sources.environment) else {
        origins[key.name] = "not set"
        continue
      }
      switch legacy.resolve() {
      case .success(let found):
        values[key.name] = .secret(found.secret)
        origins[key.name] = found.origin
        if let warning = found.warning { warnings.append(warning) }
      case .failure(let problem):
        problems.append(problem.description)
      }
    }
    let (endpoints, endpointReadProblems) = WebhookEndpointKeys.read(
      endpointNames, reader: reader, secrets: secretReader, collector: collector)
    problems += endpointReadProblems
    guard problems.isEmpty else { throw ConfigurationError(problems: problems) }
    var configuration = RuntimeConfiguration.resolved(values, environment: sources.environment)
    configuration.webhooks.endpoints = endpoints
    for endpoint in endpoints {
      let credential = sources.credentialsDirectory.map {
        FileManager.default.fileExists(
          atPath: "\($0)/\(WebhookEndpointKeys.credentialName(endpoint.name))")
      }
      origins[WebhookEndpointKeys.secretKey(endpoint.name)] =
        credential == true
        ? "credential \(WebhookEndpointKeys.credentialName(endpoint.name))"
        : "environment \(WebhookEndpointKeys.environmentName(endpoint.name))"
    }
    try configuration.validate()
    var loaded = LoadedConfiguration(
      configuration: configuration, origins: origins, warnings: warnings)
    for key in ConfigurationKey.all where key.binding == nil {
      let value = values[key.name] ?? key.defaultValue.resolve(configuration, environment: [:])
      if let value { loaded.raw[key.name] = key.kind.render(value) }
    }
    return loaded
  }

  /// What reading one key found.
  enum Read {
    case absent
    case value(ConfigurationValue)
    case unreadable
  }

  /// Reads `key` with the type its kind needs.
  static func read(_ key: ConfigurationKey, _ reader: ConfigReader, _ collector: AccessCollector)
    -> Read
  {
    let name = ConfigKey(key.name)
    let value: ConfigurationValue?
    switch key.kind {
    case .integer: value = reader.int(forKey: name).map { .integer($0) }
    case .seconds, .rate: value = reader.double(forKey: name).map { .number($0) }
    case .secondsList: value = reader.doubleArray(forKey: name).map { .numbers($0) }
    case .boolean: value = reader.bool(forKey: name).map { .boolean($0) }
    case .text, .choice, .loopbackAddress: value = reader.string(forKey: name).map { .text($0) }
    case .secret: value = nil
    }
    if collector.takeFailed() { return .unreadable }
    return value.map { .value($0) } ?? .absent
  }
}
