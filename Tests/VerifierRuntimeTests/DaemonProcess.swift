import Foundation
import TestSupport
import Verification

/// `verifierd run` as a child process against a stack, configured through a JSON file.
enum DaemonProcess {
  static var verifierd: String { ChildProcess.productsFolder + "/verifierd" }

  /// The sandbox's credentials, passed as environment variables as in production.
  static let secrets = [
    "FINICITY_PARTNER_SECRET": "sandbox-partner-secret", "FINICITY_APP_KEY": "sandbox-app-key",
    "FOLIO_SHARED_SECRET": "sandbox-folio-secret",
  ]

  /// Writes a configuration file for `stack` with `overrides` on top; returns its path.
  static func configFile(
    _ stack: Stack, _ overrides: [String: Any] = [:], at existing: String? = nil
  )
    throws -> String
  {
    var object: [String: Any] = [
      "database_url": stack.database.configuration.connectionString ?? "",
      "instance": "child-daemon",
      // Many daemons run at once in the suite: each takes a port of its own.
      "metrics": ["listen": "127.0.0.1:0"],
      "poll_interval_seconds": 0.5, "prompt_sweep_seconds": 0.2, "lease_seconds": 30,
      "drain_timeout_seconds": 5,
      "http": [
        "connect_timeout_seconds": 2, "request_timeout_seconds": 20, "money_call_budget_seconds": 5,
      ],
      "finicity": [
        "base_url": stack.sandbox.baseURL, "partner_id": "1234583871234", "rate_per_second": 1000,
      ],
      "folio": [
        "base_url": stack.sandbox.baseURL, "api_key": "sandbox-folio-key", "rate_per_second": 1000,
        "start_delay_seconds": 0,
      ],
      // These tests enqueue many accounts for one customer; FraudFlowTests test the rules.
      "fraud": Dictionary(
        uniqueKeysWithValues: FraudRule.allCases.map { ($0.rawValue, ["action": "off"]) }),
      "schedules": [
        "details_first_poll_seconds": 0.2, "details_max_poll_seconds": 1,
        "initiate_settle_seconds": 6, "retry_base_seconds": 0.1, "retry_max_seconds": 0.5,
      ],
    ]
    for (key, value) in overrides { object[key] = value }
    let path =
      existing
      ?? FileManager.default.temporaryDirectory.appendingPathComponent(
        "verifierd-\(UUID().uuidString).json"
      ).path
    try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// Starts `verifierd run --config path`, with `environment` beside the provider secrets.
  static func start(config path: String, environment: [String: String] = [:]) throws
    -> RunningChild
  {
    try RunningChild.start(
      verifierd, ["run", "--config", path],
      environment: secrets.merging(environment) { _, new in new })
  }
}
