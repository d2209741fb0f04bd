import Foundation
import Testing
import Verification
import VerifierConfiguration

@Suite("Webhook endpoints in the configuration: the file, their secrets as credentials")
struct WebhookEndpointConfigurationTests {
  typealias Loader = ConfigurationLoaderTests

  static let crm = #"""
    {"webhooks": {"endpoints": {"crm": {
      "url": "https://crm.example.com/hooks?token=t0ps3cret",
      "events": ["verification.prompt_due", "verification.finished"], "timeout_seconds": 4}}}}
    """#

  @Test("an endpoint from the file, its secret from the credential or the variable")
  func endpointLoads() async throws {
    let credentials = try Loader.credentials(["webhooks-endpoints-crm-secret": "whsec-1\n"])
    let loaded = try await ConfigurationLoader.load(
      ConfigurationSources(
        filePath: try Loader.file(Self.crm), environment: ["CREDENTIALS_DIRECTORY": credentials]))
    let endpoints = loaded.configuration.webhooks.endpoints
    #expect(endpoints.map(\.name) == ["crm"])
    #expect(endpoints.first?.types == [.promptDue, .finished])
    #expect(endpoints.first?.timeout == .seconds(4))
    #expect(endpoints.first?.secret.revealed == "whsec-1")
    #expect(loaded.configuration.webhooks.subscriptions.endpoints(for: .finished) == ["crm"])
    #expect(loaded.configuration.webhooks.subscriptions.endpoints(for: .initiated).isEmpty)

    let fromVariable = try await ConfigurationLoader.load(
      ConfigurationSources(
        filePath: try Loader.file(Self.crm),
        environment: ["VERIFIERD_WEBHOOKS_ENDPOINTS_CRM_SECRET": "whsec-2"]))
    #expect(fromVariable.configuration.webhooks.endpoints.first?.secret.revealed == "whsec-2")
    #expect(
      !fromVariable.warnings.contains { $0.contains("VERIFIERD_WEBHOOKS") },
      "the secret's variable is not an unknown key: \(fromVariable.warnings)")
  }

  @Test("no endpoints by default: nothing hears anything")
  func noneByDefault() async throws {
    let loaded = try await ConfigurationLoader.load(
      ConfigurationSources(filePath: nil, environment: [:]))
    #expect(loaded.configuration.webhooks.endpoints.isEmpty)
    #expect(loaded.configuration.webhooks.subscriptions.isEmpty)
  }

  @Test("every bad endpoint field is named, never quoting the URL or a secret")
  func badEndpoints() async throws {
    let json = #"""
      {"webhooks": {"lease_seconds": 5, "endpoints": {
        "crm": {"url": "ftp://crm.example.com/t0ps3cret", "events": ["verification.everything"],
                "timeout_seconds": 400},
        "Bad-Name": {"url": "https://x.example.com"},
        "mailer": {"url": "https://mail.example.com", "events": ["verification.finished"],
                   "secret": "in-the-file", "colour": "blue"},
        "ok": {"url": "https://ok.example.com", "events": ["verification.finished"],
               "timeout_seconds": 3}}}}
      """#
    let problems = await Loader.problems(
      ConfigurationSources(
        filePath: try Loader.file(json),
        environment: ["VERIFIERD_WEBHOOKS_ENDPOINTS_OK_SECRET": "whsec-ok"]))
    let text = problems.joined(separator: "\n")
    #expect(text.contains("webhooks.endpoints.crm.url: must be an absolute http or https URL"))
    #expect(text.contains("webhooks.endpoints.crm.events: must be a list of event types from"))
    #expect(text.contains("webhooks.endpoints.crm.timeout_seconds: must be from 0.001 to 300"))
    #expect(text.contains("webhooks.endpoints.crm.secret: not set; use the credential"))
    #expect(text.contains("webhooks.endpoints.Bad-Name (file): an endpoint's name is lowercase"))
    #expect(text.contains("webhooks.endpoints.mailer.secret (file): secrets are never read"))
    #expect(text.contains("webhooks.endpoints.mailer.colour (file): not a known key"))
    #expect(!text.contains("t0ps3cret") && !text.contains("in-the-file"), "\(text)")
    #expect(!text.contains("webhooks.endpoints.ok"), "a good endpoint has no problem")

    let notAnObject = await Loader.problems(
      ConfigurationSources(
        filePath: try Loader.file(#"{"webhooks": {"endpoints": ["https://x.example.com"]}}"#),
        environment: [:]))
    #expect(notAnObject.count == 1)
    #expect(
      notAnObject.first?.hasPrefix(
        "webhooks.endpoints (file): must be an object of named endpoints") == true,
      "\(notAnObject)")

    let lease = await Loader.problems(
      ConfigurationSources(
        filePath: try Loader.file(
          #"{"webhooks": {"lease_seconds": 5, "endpoints": {"ok": {"url": "https://ok.example.com", "events": ["verification.finished"], "timeout_seconds": 3}}}}"#
        ), environment: ["VERIFIERD_WEBHOOKS_ENDPOINTS_OK_SECRET": "whsec-ok"]))
    #expect(
      lease == ["webhooks.lease_seconds must be more than twice the longest endpoint timeout"])
  }
}
