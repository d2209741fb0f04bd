/// Settings of the sandbox. Credentials are fake ones the clients under test are given.
public struct SandboxConfiguration: Sendable {
  /// Interface to bind, 127.0.0.1 by default.
  public var host: String
  /// Port to bind; 0 picks a free one.
  public var port: Int
  /// The `Finicity-App-Key` the sandbox accepts.
  public var finicityAppKey: String
  /// The partner id the sandbox accepts.
  public var finicityPartnerId: String
  /// The partner secret the sandbox accepts.
  public var finicityPartnerSecret: String
  /// Lifetime of a Finicity token (2 hours, as documented).
  public var tokenLifetime: Duration
  /// Time for micro entries to go from `Pending` to `Completed` (inferred; zero for tests).
  public var settleDelay: Duration
  /// Time after `Completed` before unverified entries become `Expired` (inferred).
  public var expiryWindow: Duration
  /// Verify attempts allowed per account, Finicity and Folio (inferred: 3).
  public var verifyAttempts: Int
  /// The Folio API key the sandbox accepts.
  public var folioAPIKey: String
  /// The Folio shared secret used to check signatures.
  public var folioSharedSecret: String
  /// Largest clock difference accepted in a Folio signature.
  public var folioMaxSkew: Duration
  /// Faults in force at start.
  public var faults: SandboxFaults
  /// Seed of the random generator (amounts, ids, fault draws).
  public var seed: UInt64
  /// When set, every provider request and response is appended here as one JSON line.
  public var capturePath: String?
  /// The secret the webhook receiver checks `Verifierd-Signature` with.
  public var webhookSecret: String
  /// Largest distance of a webhook signature's timestamp from the real clock.
  public var webhookTolerance: Duration
  /// Whether the receiver keeps each delivery's body (`GET /_sandbox/webhooks` then shows it), for
  /// audits of what was sent, such as the leak test; off by default, so nothing a sender should
  /// not have sent is kept.
  public var keepWebhookBodies: Bool

  /// Creates a configuration with test-friendly defaults.
  public init(
    host: String = "127.0.0.1",
    port: Int = 0,
    finicityAppKey: String = "sandbox-app-key",
    finicityPartnerId: String = "1234583871234",
    finicityPartnerSecret: String = "sandbox-partner-secret",
    tokenLifetime: Duration = .seconds(2 * 3600),
    settleDelay: Duration = .zero,
    expiryWindow: Duration = .seconds(10 * 24 * 3600),
    verifyAttempts: Int = 3,
    folioAPIKey: String = "sandbox-folio-key",
    folioSharedSecret: String = "sandbox-folio-secret",
    folioMaxSkew: Duration = .seconds(300),
    faults: SandboxFaults = SandboxFaults(),
    seed: UInt64 = 42,
    capturePath: String? = nil,
    webhookSecret: String = "sandbox-webhook-secret",
    webhookTolerance: Duration = .seconds(300),
    keepWebhookBodies: Bool = false
  ) {
    self.host = host
    self.port = port
    self.finicityAppKey = finicityAppKey
    self.finicityPartnerId = finicityPartnerId
    self.finicityPartnerSecret = finicityPartnerSecret
    self.tokenLifetime = tokenLifetime
    self.settleDelay = settleDelay
    self.expiryWindow = expiryWindow
    self.verifyAttempts = verifyAttempts
    self.folioAPIKey = folioAPIKey
    self.folioSharedSecret = folioSharedSecret
    self.folioMaxSkew = folioMaxSkew
    self.faults = faults
    self.seed = seed
    self.capturePath = capturePath
    self.webhookSecret = webhookSecret
    self.webhookTolerance = webhookTolerance
    self.keepWebhookBodies = keepWebhookBodies
  }
}
