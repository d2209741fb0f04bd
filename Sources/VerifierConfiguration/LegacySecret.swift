import Foundation
import Providers

/// A provider secret given neither as a credential nor as its `VERIFIERD_*` variable, looked up
/// the older ways: the file its `*_file` key names, else the variable its `*_env` key names (the
/// catalogue holds that key's default name).
struct LegacySecret {
  /// What the lookup found.
  struct Found {
    /// The secret, empty when set nowhere.
    var secret: Secret
    /// Where it came from, for `check-config`.
    var origin: String
    /// Set when the secret is set nowhere.
    var warning: String?
  }

  let key: ConfigurationKey
  let file: String?
  let variable: String
  let environment: [String: String]

  /// `nil` for a secret without the older forms (`database.password`).
  init?(
    _ key: ConfigurationKey, values: [String: ConfigurationValue], environment: [String: String]
  ) {
    guard let variableKey = ConfigurationKey.named(key.name + "_env"),
      case .text(let variable)? = values[variableKey.name]
        ?? variableKey.defaultValue.resolve(.defaults, environment: environment)
    else { return nil }
    if case .text(let file)? = values[key.name + "_file"] {
      self.file = file
    } else {
      self.file = nil
    }
    self.key = key
    self.variable = variable
    self.environment = environment
  }

  /// The secret from the file (a file that cannot be read is a problem), else the variable.
  func resolve() -> Result<Found, ConfigurationError> {
    if let file {
      guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
        return .failure(ConfigurationError("\(key.name): cannot read the secret file \(file)"))
      }
      let secret = Secret(text.trimmingCharacters(in: .whitespacesAndNewlines))
      return .success(Found(secret: secret, origin: "file \(file)"))
    }
    if let value = environment[variable], !value.isEmpty {
      return .success(Found(secret: Secret(value), origin: "environment \(variable)"))
    }
    let provider = key.name.prefix { $0 != "." }.capitalized
    return .success(
      Found(
        secret: Secret(""), origin: "not set",
        warning: "\(key.name) is not set: \(provider) will refuse every call"))
  }
}
