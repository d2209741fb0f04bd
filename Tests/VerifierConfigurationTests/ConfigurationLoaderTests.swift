import Foundation
import JobQueue
import Testing
import VerifierConfiguration

@Suite("Configuration sources: file, VERIFIERD_* and credentials")
struct ConfigurationLoaderTests {
  /// Writes `json` to a temporary file and returns its path.
  static func file(_ json: String) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "verifierd-config-\(UUID().uuidString).json"
    ).path
    try json.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// A credentials directory holding `files`.
  static func credentials(_ files: [String: String]) throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "verifierd-credentials-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    for (name, content) in files {
      try content.write(
        to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return directory.path
  }

  static func problems(_ sources: ConfigurationSources) async -> [String] {
    do {
      _ = try await ConfigurationLoader.load(sources)
      return []
    } catch let error as ConfigurationError {
      return error.problems
    } catch {
      return ["\(error)"]
    }
  }

  @Test("every bad key is named with why, from the file and the environment, never a secret")
  func everyProblemNamed() async throws {
    let path = try Self.file(
      """
      {"max_in_flight": 0, "max_inflight": 3, "http": {"connect_timeout_seconds": "soon"},
       "finicity": {"partner_secret": "written-in-the-file", "rate_per_second": 0},
       "log": {"level": "loud"}, "metrics": {"listen": "0.0.0.0:9464"}}
      """)
    let problems = await Self.problems(
      ConfigurationSources(filePath: path, environment: ["VERIFIERD_CLAIM_BATCH": "many"]))
    let expected = [
      "max_in_flight (file)", "max_inflight (file): not a known key",
      "http.connect_timeout_seconds (file)", "finicity.partner_secret (file): secrets are never",
      "finicity.rate_per_second (file)", "log.level (file)", "metrics.listen (file)",
      "claim_batch (environment VERIFIERD_CLAIM_BATCH)",
    ]
    for prefix in expected {
      #expect(problems.contains { $0.hasPrefix(prefix) }, "missing \(prefix) in \(problems)")
    }
    #expect(problems.count == expected.count)
    #expect(!problems.joined().contains("written-in-the-file"))
  }

  @Test("a credential beats VERIFIERD_*, which beats the file, which beats the default")
  func precedence() async throws {
    let path = try Self.file(
      #"{"max_in_flight": 4, "claim_batch": 3, "finicity": {"partner_id": "from-file"}}"#)
    let credentials = try Self.credentials([
      "finicity-partner-secret": "cred-secret\n", "database-password": "cred-db-password",
    ])
    let loaded = try await ConfigurationLoader.load(
      ConfigurationSources(
        filePath: path,
        environment: [
          "CREDENTIALS_DIRECTORY": credentials, "VERIFIERD_MAX_IN_FLIGHT": "7",
          "VERIFIERD_FINICITY_PARTNER_SECRET": "env-secret",
          "VERIFIERD_FINICITY_APP_KEY": "env-app-key",
          "VERIFIERD_SCHEDULES_RETRY_BASE_SECONDS": "0.5",
          "VERIFIERD_FOLIO_FLOW_REMINDER_OFFSETS_SECONDS": "60,120",
          "FOLIO_SHARED_SECRET": "older-variable",
        ]))
    let configuration = loaded.configuration
    #expect(configuration.maxInFlight == 7)
    #expect(configuration.claimBatch == 3)
    #expect(configuration.finicity.partnerId == "from-file")
    #expect(configuration.pollInterval == .seconds(5))
    #expect(configuration.finicity.partnerSecret.revealed == "cred-secret")
    #expect(configuration.finicity.appKey.revealed == "env-app-key")
    #expect(configuration.folioSharedSecret.revealed == "older-variable")
    #expect(configuration.database.password == "cred-db-password")
    #expect(configuration.verification.retry.baseDelay == .milliseconds(500))
    #expect(
      configuration.verification.folio.prompts.reminderOffsets == [.seconds(60), .seconds(120)])
    #expect(loaded.origins["max_in_flight"] == "environment VERIFIERD_MAX_IN_FLIGHT")
    #expect(loaded.origins["claim_batch"] == "file")
    #expect(loaded.origins["finicity.partner_secret"] == "credential finicity-partner-secret")
    #expect(loaded.origins["finicity.app_key"] == "environment VERIFIERD_FINICITY_APP_KEY")
    #expect(loaded.origins["folio.shared_secret"] == "environment FOLIO_SHARED_SECRET")
  }

  @Test("the shown configuration redacts every secret and a password in the database URL")
  func redaction() async throws {
    let secrets = ["cred-secret-1", "env-app-key-2", "folio-secret-3", "db-pass-4", "url-pass-5"]
    let credentials = try Self.credentials([
      "finicity-partner-secret": secrets[0], "database-password": secrets[3],
    ])
    let loaded = try await ConfigurationLoader.load(
      ConfigurationSources(
        filePath: nil,
        environment: [
          "CREDENTIALS_DIRECTORY": credentials, "VERIFIERD_FINICITY_APP_KEY": secrets[1],
          "VERIFIERD_FOLIO_SHARED_SECRET": secrets[2],
          "VERIFIERD_DATABASE_URL": "postgresql://daemon:\(secrets[4])@db.internal/verifier",
        ]))
    for text in [loaded.rendered, loaded.renderedJSON] {
      for secret in secrets { #expect(!text.contains(secret)) }
      #expect(text.contains("postgresql://daemon:<redacted>@db.internal/verifier"))
      #expect(text.contains("<redacted>"))
    }
    #expect(loaded.warnings.isEmpty)
  }

  @Test("the defaults the key list documents are the defaults in force")
  func documentedDefaults() async throws {
    let loaded = try await ConfigurationLoader.load(
      ConfigurationSources(filePath: nil, environment: [:]))
    let shown =
      try JSONSerialization.jsonObject(with: Data(loaded.renderedJSON.utf8))
      as? [String: [String: Any]] ?? [:]
    var compared = 0
    for key in ConfigurationKey.all {
      // Defaults described in words (derived, environment, hostname) are not literal values.
      guard !key.defaultText.contains(" ") || key.defaultText.hasPrefix("["),
        key.defaultText.first.map({ $0.isNumber || $0 == "[" }) == true
          || ["true", "info", "logfmt"].contains(key.defaultText)
          || key.defaultText.hasPrefix("http")
          || key.defaultText.hasPrefix("127.")
      else { continue }
      #expect(shown[key.name]?["value"] as? String == key.defaultText, "\(key.name)")
      #expect(shown[key.name]?["origin"] as? String == "default", "\(key.name)")
      compared += 1
    }
    #expect(compared > 30)
    #expect(loaded.warnings.count == 3, "three provider secrets are not set")
  }

  @Test("the committed example and config/README.md agree with the key list")
  func documentation() async throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let example = try await ConfigurationLoader.load(
      ConfigurationSources(
        filePath: root.appendingPathComponent("config/verifierd.json").path, environment: [:]))
    let defaults = try await ConfigurationLoader.load(
      ConfigurationSources(filePath: nil, environment: [:]))
    #expect(example.rendered.count > 0)
    #expect(example.configuration.verification == defaults.configuration.verification)
    #expect(example.configuration.maxInFlight == defaults.configuration.maxInFlight)
    let readme = try String(
      contentsOf: root.appendingPathComponent("config/README.md"), encoding: .utf8)
    #expect(
      readme.contains(ConfigurationKey.referenceTable),
      "config/README.md must carry `verifierd check-config --keys` as it is now")
    #expect(ConfigurationKey.referenceTable.contains("`VERIFIERD_FOLIO_FLOW_EXPIRY_SECONDS`"))
  }

  @Test("a reload names the changed keys that need a restart")
  func restartNeeded() async throws {
    let before = try await ConfigurationLoader.load(
      ConfigurationSources(
        filePath: try Self.file(#"{"listen": true, "max_in_flight": 8}"#), environment: [:]))
    let after = try await ConfigurationLoader.load(
      ConfigurationSources(
        filePath: try Self.file(
          #"{"listen": false, "max_in_flight": 9, "log": {"level": "debug"}}"#),
        environment: [:]))
    #expect(after.restartNeeded(comparedTo: before) == ["listen"])
    #expect(before.restartNeeded(comparedTo: before).isEmpty)
  }

  @Test("database settings reach the connections, are range-checked and need a restart")
  func databaseSettings() async throws {
    let loaded = try await ConfigurationLoader.load(
      ConfigurationSources(
        filePath: try Self.file(
          #"{"database": {"statement_timeout_seconds": 2.5, "keepalives_idle_seconds": 40}}"#),
        environment: ["VERIFIERD_DATABASE_KEEPALIVES_COUNT": "7"]))
    let database = loaded.configuration.database
    #expect(database.statementTimeout == .milliseconds(2500))
    #expect(
      database.keepalives
        == PGConfiguration.Keepalives(idleSeconds: 40, intervalSeconds: 10, count: 7))
    let defaults = try await ConfigurationLoader.load(
      ConfigurationSources(filePath: nil, environment: [:]))
    #expect(defaults.configuration.database.statementTimeout == .seconds(30))
    #expect(
      defaults.configuration.database.keepalives
        == PGConfiguration.Keepalives(idleSeconds: 30, intervalSeconds: 10, count: 3))
    #expect(
      loaded.restartNeeded(comparedTo: defaults) == [
        "database.statement_timeout_seconds", "database.keepalives_idle_seconds",
        "database.keepalives_count",
      ])
    let problems = await Self.problems(
      ConfigurationSources(
        filePath: try Self.file(
          #"{"database": {"statement_timeout_seconds": -1, "keepalives_count": 0}}"#),
        environment: ["VERIFIERD_DATABASE_KEEPALIVES_IDLE_SECONDS": "1.5"]))
    for prefix in [
      "database.statement_timeout_seconds (file)", "database.keepalives_count (file)",
      "database.keepalives_idle_seconds (environment VERIFIERD_DATABASE_KEEPALIVES_IDLE_SECONDS)",
    ] {
      #expect(problems.contains { $0.hasPrefix(prefix) }, "missing \(prefix) in \(problems)")
    }
    #expect(problems.count == 3)
  }

  @Test(
    "metrics listen only on loopback",
    arguments: [
      ("127.0.0.1:9464", true), ("127.1.2.3:0", true), ("[::1]:9464", true),
      ("localhost:80", true), ("0.0.0.0:9464", false), ("10.0.0.1:9464", false),
      ("[::]:9464", false), ("127.0.0.1", false), ("127.0.0.1:70000", false),
    ])
  func loopback(text: String, accepted: Bool) {
    #expect((LoopbackAddress(text) != nil) == accepted)
  }
}
