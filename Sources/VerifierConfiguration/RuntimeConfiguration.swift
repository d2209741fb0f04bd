import Foundation
import JobQueue
import Providers
import Verification
import Webhooks

/// The daemon's resolved settings: every key of ``ConfigurationKey/all`` set from its sources or
/// its default, secrets read. ``ConfigurationLoader`` builds one; each field is set by the key
/// bound to it, so the catalogue alone decides ranges, defaults and what SIGHUP applies.
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
  /// HTTP limits (`connectionsPerHost` follows `maxInFlight`).
  public var http: ProviderHTTPConfiguration
  /// The Finicity client's settings.
  public var finicity: FinicityConfiguration
  /// Finicity calls per second: for the fleet, or for this daemon (``finicityRateScope``).
  public var finicityRate: Double
  /// `fleet` (one limit in the database for every daemon) or `process` (this daemon's bucket).
  public var finicityRateScope: String
  /// The Folio client's settings.
  public var folio: FolioConfiguration
  /// The Folio API key.
  public var folioAPIKey: String
  /// The Folio shared secret.
  public var folioSharedSecret: Secret
  /// Folio calls per second: for the fleet, or for this daemon (``folioRateScope``).
  public var folioRate: Double
  /// `fleet` or `process`, as ``finicityRateScope``.
  public var folioRateScope: String
  /// The state machine's schedules and limits.
  public var verification: VerificationConfiguration
  /// The longest a money-moving call (initiate, verify) may run, measured from the commit of its
  /// intent: the call is cancelled at that deadline, and a daemon reconciling the job waits the
  /// settle delay (`schedules.initiate_settle_seconds`), which must be longer, so it never reads
  /// the provider's state while such a call could still land. Kept in ``verification``, whose
  /// rule (``VerificationConfiguration/moneyCallProblem``) checks it.
  public var moneyCallBudget: Duration {
    get { verification.moneyCallBudget }
    set { verification.moneyCallBudget = newValue }
  }
  /// The least log level (`log.level`).
  public var logLevel: String
  /// `logfmt`, `json` or `text` (`log.format`).
  public var logFormat: String
  /// Where `/metrics`, `/healthz`, `/readyz` and the status page listen (`metrics.listen`);
  /// `nil`: off.
  public var metricsListen: String?
  /// Webhook endpoints and delivery (`webhooks.*`); no endpoints by default.
  public var webhooks: WebhookSettings
  /// The micro-entry return-rate check (`fraud.return_rate.*`).
  public var returnRate: ReturnRateWatch

  /// Creates a configuration from explicit values (tests); every other field has its catalogue
  /// default.
  public init(
    database: PGConfiguration, finicity: FinicityConfiguration, folio: FolioConfiguration,
    folioAPIKey: String, folioSharedSecret: Secret,
    verification: VerificationConfiguration = RuntimeConfiguration.defaults.verification,
    instance: String = RuntimeConfiguration.defaultInstance
  ) {
    self = Self.defaults
    self.database = database
    self.finicity = finicity
    self.folio = folio
    self.folioAPIKey = folioAPIKey
    self.folioSharedSecret = folioSharedSecret
    let budget = moneyCallBudget
    self.verification = verification
    self.verification.moneyCallBudget = budget
    self.instance = instance
  }

  /// Every field before the catalogue sets it: nothing here is a default (``resolved(_:environment:)``
  /// writes every key's value or default over it).
  init(unset: Void) {
    database = PGConfiguration()
    instance = ""
    maxInFlight = 0
    claimBatch = 0
    leaseDuration = .zero
    pollInterval = .zero
    promptSweepInterval = .zero
    drainTimeout = .zero
    listen = false
    http = ProviderHTTPConfiguration()
    finicity = FinicityConfiguration(partnerId: "", partnerSecret: "", appKey: "")
    finicityRate = 0
    finicityRateScope = ""
    folio = FolioConfiguration(baseURL: "")
    folioAPIKey = ""
    folioSharedSecret = ""
    folioRate = 0
    folioRateScope = ""
    verification = VerificationConfiguration(moneyCallBudget: .zero)
    logLevel = ""
    logFormat = ""
    metricsListen = nil
    webhooks = WebhookSettings()
    returnRate = ReturnRateWatch()
  }

  /// `hostname:pid`.
  public static var defaultInstance: String {
    "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
  }
}
