import Foundation

/// `config/verifierd.json` as written: every key optional (missing keys take their defaults, see
/// `config/README.md`). Keys are snake_case. Secrets are never values in the file, only the names
/// of environment variables or files that hold them.
public struct ConfigurationFile: Codable, Sendable, Equatable {
  /// libpq URI or conninfo; else `DATABASE_URL`, else the `PG*` variables.
  public var databaseUrl: String?
  /// Database connection settings.
  public var database: Database?
  /// This daemon's name on leases and events; default `hostname:pid`.
  public var instance: String?
  /// Provider calls in flight at once (1...1024).
  public var maxInFlight: Int?
  /// Jobs claimed per round trip (1...1000).
  public var claimBatch: Int?
  /// Lease length in seconds; leases of long calls are renewed at a third of it.
  public var leaseSeconds: Double?
  /// Backstop poll interval in seconds (the only wake-up when `listen` is false).
  public var pollIntervalSeconds: Double?
  /// How often due prompts are swept, in seconds.
  public var promptSweepSeconds: Double?
  /// How long SIGTERM waits for in-flight calls before releasing their leases, in seconds.
  public var drainTimeoutSeconds: Double?
  /// LISTEN for wake-ups (false: poll only, e.g. behind PgBouncer).
  public var listen: Bool?
  /// HTTP limits for provider calls.
  public var http: HTTP?
  /// Finicity client and flow settings.
  public var finicity: Finicity?
  /// Folio client and flow settings.
  public var folio: Folio?
  /// Retry and polling schedules.
  public var schedules: Schedules?
  /// Logging.
  public var log: Log?
  /// The metrics and health endpoints.
  public var metrics: Metrics?

  /// Creates an empty file (all defaults).
  public init() {}

  /// `database` (its password is a secret, never in the file).
  public struct Database: Codable, Sendable, Equatable {
    /// The longest one statement may run, seconds (0: no limit).
    public var statementTimeoutSeconds: Double?
    /// Seconds of TCP silence before the first keepalive probe.
    public var keepalivesIdleSeconds: Int?
    /// Seconds between unanswered keepalive probes.
    public var keepalivesIntervalSeconds: Int?
    /// Unanswered probes before the connection counts as lost.
    public var keepalivesCount: Int?
  }

  /// `log`.
  public struct Log: Codable, Sendable, Equatable {
    /// `trace` ... `critical`.
    public var level: String?
    /// `logfmt`, `json` or `text`.
    public var format: String?
  }

  /// `metrics`.
  public struct Metrics: Codable, Sendable, Equatable {
    /// `host:port` on loopback; empty switches the endpoints off.
    public var listen: String?
  }

  /// `http`.
  public struct HTTP: Codable, Sendable, Equatable {
    /// Connect timeout, seconds.
    public var connectTimeoutSeconds: Double?
    /// Whole-call timeout, seconds.
    public var requestTimeoutSeconds: Double?
    /// The longest a money-moving call (initiate, verify) may run, from the commit of its intent,
    /// rate-limit wait and token included, seconds.
    public var moneyCallBudgetSeconds: Double?
  }

  /// The flow settings both providers share.
  public struct Flow: Codable, Sendable, Equatable {
    /// Local expiry after entering `awaiting_amounts`, seconds.
    public var expirySeconds: Double?
    /// Reminder prompts after entering `awaiting_amounts`, seconds.
    public var reminderOffsetsSeconds: [Double]?
    /// The last-chance prompt this long before the expiry, seconds.
    public var lastChanceLeadSeconds: Double?
  }

  /// `finicity`.
  public struct Finicity: Codable, Sendable, Equatable {
    /// Base URL.
    public var baseUrl: String?
    /// Partner id.
    public var partnerId: String?
    /// Environment variable holding the partner secret.
    public var partnerSecretEnv: String?
    /// File holding the partner secret (wins over the variable).
    public var partnerSecretFile: String?
    /// Environment variable holding the app key.
    public var appKeyEnv: String?
    /// File holding the app key (wins over the variable).
    public var appKeyFile: String?
    /// Calls per second allowed.
    public var ratePerSecond: Double?
    /// Verification attempts when Finicity does not say.
    public var maxAttempts: Int?
    /// Longest time `pending` before the job ends `expired`, seconds.
    public var pendingLimitSeconds: Double?
    /// Prompts and expiry.
    public var flow: Flow?
  }

  /// `folio`.
  public struct Folio: Codable, Sendable, Equatable {
    /// Base URL.
    public var baseUrl: String?
    /// API key (not secret; it names the key).
    public var apiKey: String?
    /// Environment variable holding the shared secret.
    public var sharedSecretEnv: String?
    /// File holding the shared secret (wins over the variable).
    public var sharedSecretFile: String?
    /// Calls per second allowed.
    public var ratePerSecond: Double?
    /// Delay after insert before awaiting amounts, seconds.
    public var startDelaySeconds: Double?
    /// Prompts and expiry.
    public var flow: Flow?
  }

  /// `schedules`.
  public struct Schedules: Codable, Sendable, Equatable {
    /// First Finicity details read after initiating, seconds.
    public var detailsFirstPollSeconds: Double?
    /// Factor applied to the delay after each details read.
    public var detailsPollMultiplier: Int?
    /// Longest delay between details reads, seconds.
    public var detailsMaxPollSeconds: Double?
    /// First retry ceiling, seconds.
    public var retryBaseSeconds: Double?
    /// Largest retry ceiling, seconds.
    public var retryMaxSeconds: Double?
    /// How long a streak of retries may last, seconds.
    public var retryWindowSeconds: Double?
    /// Least time between an initiate call and reconciling it, seconds.
    public var initiateSettleSeconds: Double?
  }

  /// Decodes a file's JSON (snake_case keys).
  public static func decode(_ data: Data) throws -> ConfigurationFile {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return try decoder.decode(ConfigurationFile.self, from: data)
  }

  /// Reads and decodes the file at `path`.
  public static func load(path: String) throws -> ConfigurationFile {
    let data: Data
    do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
      throw ConfigurationError("cannot read the configuration file \(path)")
    }
    do { return try decode(data) } catch {
      throw ConfigurationError("the configuration file \(path) is not valid: \(error)")
    }
  }
}

/// A configuration that cannot be used: one line per problem, each naming its key and why,
/// never a secret.
public struct ConfigurationError: Error, CustomStringConvertible {
  /// What is wrong, one problem per element.
  public let problems: [String]

  /// Creates an error with one problem.
  public init(_ description: String) { problems = [description] }

  /// Creates an error with several problems.
  public init(problems: [String]) { self.problems = problems }

  /// The problems, one per line.
  public var description: String { problems.joined(separator: "\n") }
}
