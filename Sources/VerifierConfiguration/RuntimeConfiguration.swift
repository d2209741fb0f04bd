import Foundation
import JobQueue
import Providers
import Verification

/// The daemon's resolved settings: the file's values with defaults filled in and secrets read.
public struct RuntimeConfiguration: Sendable {
  /// Where the database is.
  public var database: PGConfiguration
  /// This daemon's name on leases and events.
  public var instance: String
  /// Provider calls in flight at once.
  public var maxInFlight: Int
  /// Jobs claimed per round trip.
  public var claimBatch: Int
  /// Lease length.
  public var leaseDuration: Duration
  /// Backstop poll interval.
  public var pollInterval: Duration
  /// How often due prompts are swept.
  public var promptSweepInterval: Duration
  /// How long a drain waits for in-flight calls.
  public var drainTimeout: Duration
  /// LISTEN for wake-ups.
  public var listen: Bool
  /// HTTP limits.
  public var http: ProviderHTTPConfiguration
  /// The Finicity client's settings.
  public var finicity: FinicityConfiguration
  /// Finicity calls per second.
  public var finicityRate: Double
  /// The Folio client's settings.
  public var folio: FolioConfiguration
  /// The Folio API key.
  public var folioAPIKey: String
  /// The Folio shared secret.
  public var folioSharedSecret: Secret
  /// Folio calls per second.
  public var folioRate: Double
  /// The state machine's schedules and limits.
  public var verification: VerificationConfiguration
  /// The longest a money-moving call (initiate, verify) may run, measured from the commit of its
  /// intent: the call is cancelled at that deadline, and a daemon reconciling the job waits the
  /// settle delay (`schedules.initiate_settle_seconds`), which must be longer, so it never reads
  /// the provider's state while such a call could still land.
  public var moneyCallBudget: Duration
  /// The least log level (`log.level`).
  public var logLevel: String
  /// `logfmt`, `json` or `text` (`log.format`).
  public var logFormat: String
  /// Where `/metrics`, `/healthz` and `/readyz` listen (`metrics.listen`); `nil`: off.
  public var metricsListen: String?

  /// Creates a configuration from explicit values (tests); every other field has its default.
  public init(
    database: PGConfiguration, finicity: FinicityConfiguration, folio: FolioConfiguration,
    folioAPIKey: String, folioSharedSecret: Secret,
    verification: VerificationConfiguration = VerificationConfiguration(),
    instance: String = RuntimeConfiguration.defaultInstance
  ) {
    self.database = database
    self.instance = instance
    maxInFlight = 32
    claimBatch = 16
    leaseDuration = .seconds(60)
    pollInterval = .seconds(5)
    promptSweepInterval = .seconds(5)
    drainTimeout = .seconds(20)
    listen = true
    http = ProviderHTTPConfiguration(connectionsPerHost: maxInFlight)
    moneyCallBudget = Self.defaultBudget(http)
    self.finicity = finicity
    finicityRate = 20
    self.folio = folio
    self.folioAPIKey = folioAPIKey
    self.folioSharedSecret = folioSharedSecret
    folioRate = 20
    self.verification = verification
    logLevel = "info"
    logFormat = "logfmt"
    metricsListen = "127.0.0.1:9464"
  }

  /// `hostname:pid`.
  public static var defaultInstance: String {
    "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
  }
}

extension RuntimeConfiguration {
  /// Resolves `file`: defaults for missing keys; secrets from `secrets` (credentials and
  /// `VERIFIERD_*` variables, by key name), else the file's `*_file` and `*_env` forms; the
  /// database from the file, else `DATABASE_URL`, else `PG*`. ``ConfigurationLoader`` is the
  /// usual way in.
  public init(
    file: ConfigurationFile, secrets: [String: Secret] = [:],
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws {
    let fin = file.finicity
    let fol = file.folio
    var database =
      file.databaseUrl.map { PGConfiguration(connectionString: $0) }
      ?? .fromEnvironment(environment)
    database.password = secrets["database.password"].flatMap {
      $0.revealed.isEmpty ? nil : $0.revealed
    }
    let db = file.database
    database.statementTimeout =
      try Self.seconds("database.statement_timeout_seconds", db?.statementTimeoutSeconds)
      ?? database.statementTimeout
    database.keepalives = PGConfiguration.Keepalives(
      idleSeconds: db?.keepalivesIdleSeconds ?? database.keepalives.idleSeconds,
      intervalSeconds: db?.keepalivesIntervalSeconds ?? database.keepalives.intervalSeconds,
      count: db?.keepalivesCount ?? database.keepalives.count)
    self.init(
      database: database,
      finicity: FinicityConfiguration(
        baseURL: fin?.baseUrl ?? "https://api.finicity.com",
        partnerId: fin?.partnerId ?? "",
        partnerSecret: try secrets["finicity.partner_secret"]
          ?? Self.secret(
            "finicity.partner_secret", file: fin?.partnerSecretFile,
            env: fin?.partnerSecretEnv ?? "FINICITY_PARTNER_SECRET", environment),
        appKey: try secrets["finicity.app_key"]
          ?? Self.secret(
            "finicity.app_key", file: fin?.appKeyFile, env: fin?.appKeyEnv ?? "FINICITY_APP_KEY",
            environment)),
      folio: FolioConfiguration(baseURL: fol?.baseUrl ?? "https://api.uat.foliofn.com"),
      folioAPIKey: fol?.apiKey ?? "",
      folioSharedSecret: try secrets["folio.shared_secret"]
        ?? Self.secret(
          "folio.shared_secret", file: fol?.sharedSecretFile,
          env: fol?.sharedSecretEnv ?? "FOLIO_SHARED_SECRET", environment),
      verification: try Self.verification(file),
      instance: file.instance ?? Self.defaultInstance)
    maxInFlight = try Self.check("max_in_flight", file.maxInFlight ?? maxInFlight, 1...1024)
    claimBatch = try Self.check("claim_batch", file.claimBatch ?? claimBatch, 1...1000)
    leaseDuration = try Self.seconds("lease_seconds", file.leaseSeconds) ?? leaseDuration
    pollInterval =
      try Self.seconds("poll_interval_seconds", file.pollIntervalSeconds) ?? pollInterval
    promptSweepInterval =
      try Self.seconds("prompt_sweep_seconds", file.promptSweepSeconds) ?? promptSweepInterval
    drainTimeout =
      try Self.seconds("drain_timeout_seconds", file.drainTimeoutSeconds) ?? drainTimeout
    listen = file.listen ?? listen
    logLevel = file.log?.level ?? logLevel
    logFormat = file.log?.format ?? logFormat
    if let address = file.metrics?.listen { metricsListen = address.isEmpty ? nil : address }
    http = ProviderHTTPConfiguration(
      connectTimeout: try Self.seconds(
        "http.connect_timeout_seconds", file.http?.connectTimeoutSeconds)
        ?? http.connectTimeout,
      requestTimeout: try Self.seconds(
        "http.request_timeout_seconds", file.http?.requestTimeoutSeconds)
        ?? http.requestTimeout,
      connectionsPerHost: maxInFlight)
    finicityRate = try Self.rate("finicity.rate_per_second", fin?.ratePerSecond ?? finicityRate)
    folioRate = try Self.rate("folio.rate_per_second", fol?.ratePerSecond ?? folioRate)
    moneyCallBudget =
      try Self.seconds("http.money_call_budget_seconds", file.http?.moneyCallBudgetSeconds)
      ?? Self.defaultBudget(http)
    if file.schedules?.initiateSettleSeconds == nil {
      verification.initiateSettleDelay = max(
        verification.initiateSettleDelay, moneyCallBudget + .seconds(20))
    }
    try validate()
  }

  /// Two request timeouts (a token request, then the call) and ten seconds of rate-limit wait.
  static func defaultBudget(_ http: ProviderHTTPConfiguration) -> Duration {
    http.requestTimeout * 2 + .seconds(10)
  }

  /// Checks the rules that keep money moves single: the settle delay outlasts the money-call
  /// budget, and leases and budgets are positive.
  public func validate() throws {
    guard moneyCallBudget > .zero else {
      throw ConfigurationError("http.money_call_budget_seconds must be above 0")
    }
    guard leaseDuration > .zero else { throw ConfigurationError("lease_seconds must be above 0") }
    guard verification.initiateSettleDelay > moneyCallBudget else {
      throw ConfigurationError(
        "schedules.initiate_settle_seconds (\(verification.initiateSettleDelay)) must be longer than "
          + "http.money_call_budget_seconds (\(moneyCallBudget)): a daemon must never reconcile a job "
          + "while another daemon's initiate or verify could still land")
    }
  }

  /// A provider call rate: positive and finite, so the limiter always exists (a zero would
  /// otherwise switch rate limiting off without a word).
  static func rate(_ key: String, _ value: Double) throws -> Double {
    guard value.isFinite, value > 0, value <= 10_000 else {
      throw ConfigurationError(
        "\(key) must be a number of calls per second above 0 and at most 10000")
    }
    return value
  }

  /// A secret from `file` (when given) or the environment variable `env`; empty when neither is
  /// set (the provider then refuses the calls, which the events show).
  static func secret(_ key: String, file: String?, env: String, _ environment: [String: String])
    throws -> Secret
  {
    if let file {
      guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
        throw ConfigurationError("\(key): cannot read the secret file \(file)")
      }
      return Secret(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    return Secret(environment[env] ?? "")
  }

  static func check(_ key: String, _ value: Int, _ range: ClosedRange<Int>) throws -> Int {
    guard range.contains(value) else {
      throw ConfigurationError("\(key) must be in \(range.lowerBound)...\(range.upperBound)")
    }
    return value
  }

  /// A positive number of seconds as a duration (`nil` when absent).
  static func seconds(_ key: String, _ value: Double?) throws -> Duration? {
    guard let value else { return nil }
    guard value.isFinite, value >= 0, value <= 10 * 365 * 86_400 else {
      throw ConfigurationError("\(key) must be a number of seconds from 0 to 10 years")
    }
    return .microseconds(Int64((value * 1_000_000).rounded()))
  }
}
