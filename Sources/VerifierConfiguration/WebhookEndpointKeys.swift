import Configuration
import Foundation
import Providers
import Verification
import Webhooks

/// The keys of webhook endpoints, which the catalogue cannot list because the operator names
/// them: `webhooks.endpoints.<name>.url`, `.events` and `.timeout_seconds` in the JSON file,
/// and the secret as the credential `webhooks-endpoints-<name>-secret` or the variable
/// `VERIFIERD_WEBHOOKS_ENDPOINTS_<NAME>_SECRET` (never in the file).
enum WebhookEndpointKeys {
  static let prefix = "webhooks.endpoints."
  static let fields: Set<String> = ["url", "events", "timeout_seconds"]
  static let timeouts: ClosedRange<Double> = 0.001...300

  /// The secret's dotted key (what the credential and variable names derive from).
  static func secretKey(_ name: String) -> String { "\(prefix)\(name).secret" }
  /// The credential file that holds an endpoint's secret.
  static func credentialName(_ name: String) -> String { "webhooks-endpoints-\(name)-secret" }
  /// The variable that may hold an endpoint's secret.
  static func environmentName(_ name: String) -> String {
    ConfigurationKey.environmentPrefix + "WEBHOOKS_ENDPOINTS_\(name.uppercased())_SECRET"
  }

  /// Whether a `VERIFIERD_*` variable is an endpoint's secret (not an unknown key).
  static func isSecretVariable(_ variable: String) -> Bool {
    let head = ConfigurationKey.environmentPrefix + "WEBHOOKS_ENDPOINTS_"
    return variable.hasPrefix(head) && variable.hasSuffix("_SECRET")
      && variable.count > head.count + "_SECRET".count
  }

  /// The endpoint names the file's keys define, and the problems with keys under
  /// `webhooks.endpoints`.
  static func names(in fileKeys: Set<String>) -> (names: [String], problems: [String]) {
    var names: Set<String> = []
    var problems: [String] = []
    if fileKeys.contains(String(prefix.dropLast())) {
      problems.append(
        "\(prefix.dropLast()) (file): must be an object of named endpoints "
          + "({\"crm\": {\"url\": ..., \"events\": [...]}})")
    }
    for key in fileKeys.sorted() where key.hasPrefix(prefix) {
      let parts = key.dropFirst(prefix.count).split(
        separator: ".", omittingEmptySubsequences: false)
      guard parts.count == 2 else {
        problems.append("\(key) (file): expected webhooks.endpoints.<name>.<field>")
        continue
      }
      let (name, field) = (String(parts[0]), String(parts[1]))
      guard WebhookEndpoint.isValidName(name) else {
        problems.append(
          "\(prefix)\(name) (file): an endpoint's name is lowercase letters and digits, "
            + "starting with a letter, at most 32")
        continue
      }
      if field == "secret" {
        problems.append(
          "\(key) (file): secrets are never read from the file; use the credential "
            + "\(credentialName(name)) or \(environmentName(name))")
      } else if !fields.contains(field) {
        problems.append("\(key) (file): not a known key (url, events, timeout_seconds)")
      }
      names.insert(name)
    }
    return (names.sorted(), problems)
  }

  /// Reads each named endpoint; every problem is collected, none quotes a URL or a secret.
  static func read(
    _ names: [String], reader: ConfigReader, secrets: ConfigReader, collector: AccessCollector
  ) -> (endpoints: [WebhookEndpoint], problems: [String]) {
    var endpoints: [WebhookEndpoint] = []
    var problems: [String] = []
    for name in names {
      let key = prefix + name
      let url = reader.string(forKey: ConfigKey("\(key).url"))
      let events = reader.stringArray(forKey: ConfigKey("\(key).events"))
      let timeout = reader.double(forKey: ConfigKey("\(key).timeout_seconds"))
      if collector.takeFailed() {
        problems.append(
          "\(key): url must be text, events a list of event types, timeout_seconds a number")
        continue
      }
      let secret = secrets.string(forKey: ConfigKey(secretKey(name)), isSecret: true)
      _ = collector.takeFailed()
      var endpointProblems: [String] = []
      if let problem = urlProblem(url) { endpointProblems.append("\(key).url: \(problem)") }
      let types = (events ?? []).compactMap(WebhookEventType.init(rawValue:))
      if events?.isEmpty != false || types.count != events?.count {
        let known = WebhookEventType.allCases.map(\.rawValue).joined(separator: ", ")
        endpointProblems.append("\(key).events: must be a list of event types from \(known)")
      }
      if let timeout, !(timeout.isFinite && timeouts.contains(timeout)) {
        endpointProblems.append("\(key).timeout_seconds: must be from 0.001 to 300, not \(timeout)")
      }
      let trimmed = secret?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
      if trimmed.isEmpty {
        endpointProblems.append(
          "\(key).secret: not set; use the credential \(credentialName(name)) or "
            + environmentName(name))
      }
      problems += endpointProblems
      guard endpointProblems.isEmpty, let url else { continue }
      endpoints.append(
        WebhookEndpoint(
          name: name, url: url, types: Set(types), secret: Secret(trimmed),
          timeout: timeout.map { .milliseconds(Int64($0 * 1000)) } ?? WebhookEndpoint.defaultTimeout
        ))
    }
    return (endpoints, problems)
  }

  /// Why `url` is not an endpoint URL (an absolute `http` or `https` URL with a host), without
  /// quoting it (a receiver's URL may carry a token).
  static func urlProblem(_ url: String?) -> String? {
    guard let url else { return "not set" }
    guard let parsed = URLComponents(string: url), let scheme = parsed.scheme?.lowercased(),
      scheme == "http" || scheme == "https", parsed.host?.isEmpty == false
    else { return "must be an absolute http or https URL" }
    return nil
  }
}
