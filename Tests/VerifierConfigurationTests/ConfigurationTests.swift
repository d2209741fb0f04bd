import Foundation
import Testing
import VerifierConfiguration

@Suite("Configuration file")
struct ConfigurationTests {
  static var examplePath: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("config/verifierd.json").path
  }

  @Test("the committed example parses, and its values are the defaults of an empty file")
  func example() throws {
    let environment = [
      "FINICITY_PARTNER_SECRET": "s1", "FINICITY_APP_KEY": "k1", "FOLIO_SHARED_SECRET": "s2",
    ]
    let example = try RuntimeConfiguration(
      file: ConfigurationFile.load(path: Self.examplePath), environment: environment)
    let empty = try RuntimeConfiguration(file: ConfigurationFile(), environment: environment)
    #expect(example.maxInFlight == empty.maxInFlight)
    #expect(example.claimBatch == empty.claimBatch)
    #expect(example.leaseDuration == empty.leaseDuration)
    #expect(example.pollInterval == empty.pollInterval)
    #expect(example.drainTimeout == empty.drainTimeout)
    #expect(example.verification == empty.verification)
    #expect(example.finicity.partnerSecret.revealed == "s1")
    #expect(example.finicity.appKey.revealed == "k1")
    #expect(example.folioSharedSecret.revealed == "s2")
  }

  @Test("seconds-scale values, a secret from a file, and out-of-range values are refused")
  func values() throws {
    let secretFile = FileManager.default.temporaryDirectory.appendingPathComponent(
      "secret-\(UUID().uuidString)")
    try "from-file\n".write(to: secretFile, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: secretFile) }
    let json = """
      {"max_in_flight": 4, "lease_seconds": 1.5, "folio": {"shared_secret_file": "\(secretFile.path)",
       "start_delay_seconds": 0.25}, "schedules": {"details_first_poll_seconds": 0.2}}
      """
    let configuration = try RuntimeConfiguration(
      file: ConfigurationFile.decode(Data(json.utf8)), environment: [:])
    #expect(configuration.maxInFlight == 4)
    #expect(configuration.http.connectionsPerHost == 4)
    #expect(configuration.leaseDuration == .milliseconds(1500))
    #expect(configuration.folioSharedSecret.revealed == "from-file")
    #expect(configuration.verification.folio.startDelay == .milliseconds(250))
    #expect(configuration.verification.poll.firstDelay == .milliseconds(200))
    #expect(throws: ConfigurationError.self) {
      try RuntimeConfiguration(
        file: ConfigurationFile.decode(Data(#"{"max_in_flight": 0}"#.utf8)), environment: [:])
    }
    #expect(throws: ConfigurationError.self) {
      try RuntimeConfiguration(
        file: ConfigurationFile.decode(Data(#"{"lease_seconds": -1}"#.utf8)), environment: [:])
    }
  }

  @Test(
    "a provider rate that would switch rate limiting off is refused, naming the key",
    arguments: [
      (#"{"finicity": {"rate_per_second": 0}}"#, "finicity.rate_per_second"),
      (#"{"folio": {"rate_per_second": -5}}"#, "folio.rate_per_second"),
    ])
  func badRates(json: String, key: String) throws {
    let error = #expect(throws: ConfigurationError.self) {
      try RuntimeConfiguration(file: ConfigurationFile.decode(Data(json.utf8)), environment: [:])
    }
    #expect(error?.description.contains(key) == true)
  }

  @Test("the settle delay must outlast the money-call budget, and follows it when not set")
  func settleOutlastsBudget() throws {
    let refused = #expect(throws: ConfigurationError.self) {
      try RuntimeConfiguration(
        file: ConfigurationFile.decode(
          Data(
            #"{"http": {"money_call_budget_seconds": 60}, "schedules": {"initiate_settle_seconds": 60}}"#
              .utf8)), environment: [:])
    }
    #expect(refused?.description.contains("schedules.initiate_settle_seconds") == true)
    #expect(refused?.description.contains("http.money_call_budget_seconds") == true)
    let derived = try RuntimeConfiguration(
      file: ConfigurationFile.decode(Data(#"{"http": {"request_timeout_seconds": 50}}"#.utf8)),
      environment: [:])
    #expect(derived.moneyCallBudget == .seconds(110))
    #expect(derived.verification.initiateSettleDelay > derived.moneyCallBudget)
  }
}
