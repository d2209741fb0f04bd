import Foundation
import Testing
import VerifierConfiguration

@Suite("Configuration values: the example, ranges, derived defaults")
struct ConfigurationTests {
  static var examplePath: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("config/verifierd.json").path
  }

  static func load(_ json: String, environment: [String: String] = [:]) async throws
    -> RuntimeConfiguration
  {
    try await ConfigurationLoader.load(
      ConfigurationSources(
        filePath: try ConfigurationLoaderTests.file(json), environment: environment)
    ).configuration
  }

  static func problems(_ json: String) async throws -> [String] {
    await ConfigurationLoaderTests.problems(
      ConfigurationSources(filePath: try ConfigurationLoaderTests.file(json), environment: [:]))
  }

  @Test("the committed example loads, and its values are the defaults of an empty file")
  func example() async throws {
    let environment = [
      "FINICITY_PARTNER_SECRET": "s1", "FINICITY_APP_KEY": "k1", "FOLIO_SHARED_SECRET": "s2",
    ]
    let example = try await ConfigurationLoader.load(
      ConfigurationSources(filePath: Self.examplePath, environment: environment)
    ).configuration
    let empty = try await Self.load("{}", environment: environment)
    for key in ConfigurationKey.all
    where !key.isSecret && key.name != "finicity.partner_id"
      && key.name != "folio.api_key"
    {
      #expect(key.value(in: example) == key.value(in: empty), "\(key.name)")
    }
    #expect(example.finicity.partnerSecret.revealed == "s1")
    #expect(example.finicity.appKey.revealed == "k1")
    #expect(example.folioSharedSecret.revealed == "s2")
  }

  @Test("seconds-scale values and a secret from a file")
  func values() async throws {
    let secretFile = FileManager.default.temporaryDirectory.appendingPathComponent(
      "secret-\(UUID().uuidString)")
    try "from-file\n".write(to: secretFile, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: secretFile) }
    let configuration = try await Self.load(
      """
      {"max_in_flight": 4, "lease_seconds": 1.5, "folio": {"shared_secret_file": "\(secretFile.path)",
       "start_delay_seconds": 0.25}, "schedules": {"details_first_poll_seconds": 0.2}}
      """)
    #expect(configuration.maxInFlight == 4)
    #expect(configuration.http.connectionsPerHost == 4)
    #expect(configuration.leaseDuration == .milliseconds(1500))
    #expect(configuration.folioSharedSecret.revealed == "from-file")
    #expect(configuration.verification.folio.startDelay == .milliseconds(250))
    #expect(configuration.verification.poll.firstDelay == .milliseconds(200))
  }

  @Test(
    "a value out of its catalogue range is refused, naming the key",
    arguments: [
      (#"{"max_in_flight": 0}"#, "max_in_flight (file): must be an integer from 1 to 1024, not 0"),
      (#"{"lease_seconds": -1}"#, "lease_seconds (file): must be a number of seconds from 0.001"),
      (#"{"finicity": {"rate_per_second": 0}}"#, "finicity.rate_per_second (file): must be"),
      (#"{"folio": {"rate_per_second": -5}}"#, "folio.rate_per_second (file): must be"),
      (#"{"finicity": {"max_attempts": 11}}"#, "finicity.max_attempts (file): must be"),
      (#"{"schedules": {"details_poll_multiplier": 0}}"#, "schedules.details_poll_multiplier"),
    ])
  func outOfRange(json: String, problem: String) async throws {
    let problems = try await Self.problems(json)
    #expect(problems.count == 1)
    #expect(problems.first?.hasPrefix(problem) == true, "\(problems)")
  }

  @Test("the settle delay must outlast the money-call budget, and follows it when not set")
  func settleOutlastsBudget() async throws {
    let refused = try await Self.problems(
      #"{"http": {"money_call_budget_seconds": 60}, "schedules": {"initiate_settle_seconds": 60}}"#
    )
    #expect(refused.count == 1)
    #expect(refused.first?.contains("schedules.initiate_settle_seconds") == true)
    #expect(refused.first?.contains("http.money_call_budget_seconds") == true)
    let derived = try await Self.load(#"{"http": {"request_timeout_seconds": 50}}"#)
    #expect(derived.moneyCallBudget == .seconds(110))
    #expect(derived.verification.initiateSettleDelay == .seconds(130))
    // The largest request timeout derives a budget still in the budget's range.
    let largest = try await Self.load(#"{"http": {"request_timeout_seconds": 3600}}"#)
    #expect(largest.moneyCallBudget == .seconds(7210))
  }

  @Test("a configuration built in code is checked against the same ranges")
  func validateUsesTheCatalogue() throws {
    var configuration = RuntimeConfiguration.defaults
    try configuration.validate()
    configuration.maxInFlight = 0
    configuration.leaseDuration = .zero
    configuration.finicityRate = 0
    let error = #expect(throws: ConfigurationError.self) { try configuration.validate() }
    #expect(
      error?.problems.map { String($0.prefix { $0 != ":" }) } == [
        "max_in_flight", "lease_seconds", "finicity.rate_per_second",
      ])
  }

  @Test("a reload takes the live keys and keeps the ones that need a restart")
  func reloadTakesLiveKeysOnly() async throws {
    let running = try await Self.load(#"{"max_in_flight": 8, "listen": true}"#)
    let fresh = try await Self.load(
      """
      {"max_in_flight": 9, "listen": false, "log": {"level": "debug"},
       "finicity": {"base_url": "https://example.test/"},
       "schedules": {"retry_base_seconds": 2, "initiate_settle_seconds": 500}}
      """)
    #expect(
      running.liveKeysChanged(in: fresh) == [
        "max_in_flight", "log.level", "finicity.base_url", "schedules.retry_base_seconds",
      ])
    #expect(
      running.restartKeysChanged(in: fresh) == ["listen", "schedules.initiate_settle_seconds"])
    let reloaded = running.reloaded(from: fresh)
    #expect(reloaded.maxInFlight == 9)
    #expect(reloaded.logLevel == "debug")
    #expect(reloaded.finicity.baseURL == "https://example.test")
    #expect(reloaded.verification.retry.baseDelay == .seconds(2))
    #expect(reloaded.listen == true)
    #expect(reloaded.verification.initiateSettleDelay == running.verification.initiateSettleDelay)
    #expect(reloaded.liveKeysChanged(in: fresh).isEmpty)
    #expect(reloaded.restartKeysChanged(in: running).isEmpty)
  }
}
