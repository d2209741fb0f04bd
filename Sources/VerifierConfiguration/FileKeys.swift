import Foundation

/// The keys a JSON configuration file sets, checked against the catalogue: an unknown key (a
/// typo would otherwise be ignored without a word) or a secret written into the file is a
/// problem.
enum FileKeys {
  /// The keys set (`nil` when the file cannot be read or is not a JSON object) and the problems.
  static func read(path: String) -> (Set<String>?, [String]) {
    let data: Data
    do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
      return (nil, ["the configuration file \(path) cannot be read"])
    }
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      return (nil, ["the configuration file \(path) is not a JSON object"])
    }
    var keys: Set<String> = []
    flatten(object, prefix: "", into: &keys)
    var problems: [String] = []
    // Endpoints' keys are named by the operator; WebhookEndpointKeys checks them.
    for name in keys.sorted()
    where !name.hasPrefix(WebhookEndpointKeys.prefix)
      && name != String(WebhookEndpointKeys.prefix.dropLast())
    {
      guard let key = ConfigurationKey.named(name) else {
        problems.append("\(name) (file): not a known key")
        continue
      }
      if key.isSecret {
        problems.append(
          "\(name) (file): secrets are never read from the file; use the credential "
            + "\(key.credentialName ?? "") or \(key.environmentName)")
      }
    }
    return (keys, problems)
  }

  /// Dotted names of the leaves (`null` leaves count as absent).
  static func flatten(_ object: [String: Any], prefix: String, into keys: inout Set<String>) {
    for (name, value) in object {
      let dotted = prefix.isEmpty ? name : "\(prefix).\(name)"
      if let nested = value as? [String: Any] {
        flatten(nested, prefix: dotted, into: &keys)
      } else if !(value is NSNull) {
        keys.insert(dotted)
      }
    }
  }
}
