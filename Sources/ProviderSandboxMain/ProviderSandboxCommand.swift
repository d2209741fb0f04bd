import ArgumentParser
import Foundation
import ProviderSandbox

/// `provider-sandbox`: a local stand-in for Finicity and Folio, with fault injection.
@main
struct ProviderSandboxCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "provider-sandbox",
    abstract: "Serve Finicity micro entries and Folio bank-link verification locally, with faults.")

  @Option(help: "Interface to bind.") var host = "127.0.0.1"
  @Option(help: "Port to bind; 0 picks a free one (printed on stdout).") var port = 0
  @Option(help: "Milliseconds before Pending becomes Completed.") var settleDelayMs = 0
  @Option(help: "Verify attempts per account.") var verifyAttempts = 3
  @Option(help: "Seed of the random generator.") var seed: UInt64 = 42
  @Option(help: "Finicity app key accepted.") var appKey = "sandbox-app-key"
  @Option(help: "Finicity partner id accepted.") var partnerId = "1234583871234"
  @Option(help: "Finicity partner secret accepted.") var partnerSecret = "sandbox-partner-secret"
  @Option(help: "Folio API key accepted.") var folioApiKey = "sandbox-folio-key"
  @Option(help: "Folio shared secret used to check signatures.") var folioSharedSecret =
    "sandbox-folio-secret"
  @Option(help: "Secret the webhook receiver checks Verifierd-Signature with.") var webhookSecret =
    "sandbox-webhook-secret"
  @Flag(help: "Keep each webhook delivery's body, shown by GET /_sandbox/webhooks (audits).")
  var keepWebhookBodies = false
  @Option(help: "Fixed latency added to every provider call, ms.") var latencyMs = 0
  @Option(help: "Extra uniform latency up to this many ms.") var latencyJitterMs = 0
  @Option(help: "Requests per second before answering 429 (0 = no limit).") var rateLimit: Double =
    0
  @Option(help: "Fraction of calls answered 429.") var rateLimitFraction: Double = 0
  @Option(help: "Retry-After seconds sent with 429s (omit to send none).") var retryAfter: Int?
  @Option(help: "Fraction of calls answered 5xx.") var serverErrorFraction: Double = 0
  @Option(help: "Fraction of calls that hang.") var hangFraction: Double = 0
  @Option(help: "How long a hung call waits, ms.") var hangMs = 60_000
  @Option(help: "Fraction of calls whose body stalls after the headers (for hang-ms).")
  var stallBodyFraction: Double = 0
  @Option(help: "Fraction of connections cut mid-response.") var resetFraction: Double = 0
  @Option(help: "Fraction of calls answered with a truncated JSON body.") var malformedFraction:
    Double = 0
  @Option(help: "Fraction of calls answered 400 with a throttle code.") var throttleFraction:
    Double = 0
  @Option(help: "Throttle code: 3300001 or 3000000.") var throttleCode = "3300001"
  @Flag(
    help: "Hang, stalled-body, reset, 5xx and malformed faults strike after the call took effect.")
  var afterEffect = false
  @Option(help: "Append every exchange as JSON lines here (also SANDBOX_CAPTURE).") var capture:
    String?

  func run() async throws {
    let faults = SandboxFaults(
      latencyMs: latencyMs, latencyJitterMs: latencyJitterMs, rateLimitPerSecond: rateLimit,
      rateLimitFraction: rateLimitFraction, retryAfterSeconds: retryAfter,
      serverErrorFraction: serverErrorFraction, hangFraction: hangFraction, hangMs: hangMs,
      stallBodyFraction: stallBodyFraction, resetFraction: resetFraction,
      malformedFraction: malformedFraction,
      throttleFraction: throttleFraction,
      throttleCode: throttleCode, afterEffect: afterEffect)
    let configuration = SandboxConfiguration(
      host: host, port: port, finicityAppKey: appKey, finicityPartnerId: partnerId,
      finicityPartnerSecret: partnerSecret, settleDelay: .milliseconds(settleDelayMs),
      verifyAttempts: verifyAttempts, folioAPIKey: folioApiKey,
      folioSharedSecret: folioSharedSecret,
      faults: faults, seed: seed,
      capturePath: capture ?? ProcessInfo.processInfo.environment["SANDBOX_CAPTURE"],
      webhookSecret: webhookSecret, keepWebhookBodies: keepWebhookBodies)
    let server = try await ProviderSandboxServer.start(configuration)
    FileHandle.standardOutput.write(Data("listening on \(server.host):\(server.port)\n".utf8))
    try await server.wait()
  }
}
