import Foundation
import JobQueue
import Verification

extension ConfigurationKey {
  static let anyTime: ClosedRange<Double> = 0...(10 * 365 * 86_400)
  static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
  static let logFormats = ["logfmt", "json", "text"]

  /// Every key, in the order `check-config` prints them.
  public static let all: [ConfigurationKey] = daemon + http + finicity + folio + schedules

  static let daemon: [ConfigurationKey] = [
    .init(
      "database_url", .text, default: "DATABASE_URL, else libpq's PG* variables", live: false,
      "libpq URI or conninfo (a password in it is redacted when shown)"
    ) { $0.database.connectionString.map(redactedConnectionString) ?? "(DATABASE_URL / PG*)" },
    .init(
      "database.password", .secret, default: "none", live: false,
      "the database password, for a URL without one"
    ) { $0.database.password == nil ? "(not set)" : "<redacted>" },
    .init(
      "database.statement_timeout_seconds", .seconds(0...86_400),
      default: seconds(PGConfiguration.defaultStatementTimeout), live: false,
      "the longest one statement may run (0: no limit); migrations run without it"
    ) { seconds($0.database.statementTimeout ?? .zero) },
    .init(
      "database.keepalives_idle_seconds", .integer(1...86_400),
      default: "\(PGConfiguration.Keepalives().idleSeconds)", live: false,
      "seconds of TCP silence before the first keepalive probe (keepalives_* in the URL win)"
    ) { "\($0.database.keepalives.idleSeconds)" },
    .init(
      "database.keepalives_interval_seconds", .integer(1...3600),
      default: "\(PGConfiguration.Keepalives().intervalSeconds)", live: false,
      "seconds between unanswered keepalive probes"
    ) { "\($0.database.keepalives.intervalSeconds)" },
    .init(
      "database.keepalives_count", .integer(1...100),
      default: "\(PGConfiguration.Keepalives().count)", live: false,
      "unanswered probes before the connection counts as lost"
    ) { "\($0.database.keepalives.count)" },
    .init(
      "instance", .text, default: "hostname:pid", live: false,
      "this daemon's name on leases and events"
    ) { $0.instance },
    .init(
      "max_in_flight", .integer(1...1024), default: "32", live: true,
      "jobs (so provider calls) in flight at once"
    ) { "\($0.maxInFlight)" },
    .init(
      "claim_batch", .integer(1...1000), default: "16", live: true, "jobs claimed per round trip"
    ) { "\($0.claimBatch)" },
    .init(
      "lease_seconds", .seconds(0.001...86_400), default: "60", live: true,
      "lease length; renewed every third of it while a job is in flight"
    ) { seconds($0.leaseDuration) },
    .init(
      "poll_interval_seconds", .seconds(0.001...86_400), default: "5", live: true,
      "backstop poll (the only wake-up when listen is false)"
    ) { seconds($0.pollInterval) },
    .init(
      "prompt_sweep_seconds", .seconds(0.001...86_400), default: "5", live: true,
      "how often due prompts are marked and announced"
    ) { seconds($0.promptSweepInterval) },
    .init(
      "drain_timeout_seconds", .seconds(0...3600), default: "20", live: true,
      "on SIGTERM, how long in-flight calls may finish"
    ) { seconds($0.drainTimeout) },
    .init(
      "listen", .boolean, default: "true", live: false,
      "LISTEN for wake-ups (false: poll only, e.g. behind PgBouncer)"
    ) { "\($0.listen)" },
    .init(
      "log.level", .choice(logLevels), default: "info", live: true,
      "the least level logged; --log-level overrides it"
    ) { $0.logLevel },
    .init(
      "log.format", .choice(logFormats), default: "logfmt", live: false,
      "one line per record on stderr: logfmt or JSON for journald, text for people"
    ) { $0.logFormat },
    .init(
      "metrics.listen", .loopbackAddress, default: "127.0.0.1:9464", live: false,
      "/metrics, /healthz and /readyz; empty switches them off"
    ) { $0.metricsListen ?? "" },
  ]

  static let http: [ConfigurationKey] = [
    .init(
      "http.connect_timeout_seconds", .seconds(0.001...300), default: "5", live: false,
      "provider connect timeout"
    ) { seconds($0.http.connectTimeout) },
    .init(
      "http.request_timeout_seconds", .seconds(0.001...3600), default: "30", live: false,
      "whole provider call timeout"
    ) { seconds($0.http.requestTimeout) },
    .init(
      "http.money_call_budget_seconds", .seconds(0.001...7200),
      default: "2 × request timeout + 10", live: false,
      "the longest an initiate or verify may run from the commit of its intent"
    ) { seconds($0.moneyCallBudget) },
  ]

  static let finicity: [ConfigurationKey] =
    finicityClient + flow("finicity", \VerificationConfiguration.finicity)

  static let finicityClient: [ConfigurationKey] = [
    .init(
      "finicity.base_url", .text, default: "https://api.finicity.com", live: true, "base URL"
    ) { $0.finicity.baseURL },
    .init("finicity.partner_id", .text, default: "empty", live: true, "partner id") {
      $0.finicity.partnerId
    },
    .init(
      "finicity.partner_secret", .secret, default: "none", live: true, "partner secret"
    ) { redacted($0.finicity.partnerSecret.revealed) },
    .init(
      "finicity.partner_secret_file", .text, default: "none", live: true,
      "file holding the partner secret (older form; prefer the credential)"
    ) { _ in nil },
    .init(
      "finicity.partner_secret_env", .text, default: "FINICITY_PARTNER_SECRET", live: true,
      "variable holding the partner secret (older form)"
    ) { _ in nil },
    .init("finicity.app_key", .secret, default: "none", live: true, "Finicity-App-Key") {
      redacted($0.finicity.appKey.revealed)
    },
    .init(
      "finicity.app_key_file", .text, default: "none", live: true,
      "file holding the app key (older form)"
    ) { _ in nil },
    .init(
      "finicity.app_key_env", .text, default: "FINICITY_APP_KEY", live: true,
      "variable holding the app key (older form)"
    ) { _ in nil },
    .init(
      "finicity.rate_per_second", .rate(10_000), default: "20", live: true,
      "client-side rate limit (burst = rate)"
    ) { ConfigurationKey.Kind.number($0.finicityRate) },
    .init(
      "finicity.max_attempts", .integer(1...10), default: "3", live: true,
      "verification attempts when Finicity does not say"
    ) { "\($0.verification.finicity.maxAttempts ?? 3)" },
    .init(
      "finicity.pending_limit_seconds", .seconds(anyTime), default: "604800", live: true,
      "a job pending longer ends expired"
    ) { seconds($0.verification.finicity.pendingLimit ?? .zero) },
  ]

  static let folio: [ConfigurationKey] =
    folioClient + flow("folio", \VerificationConfiguration.folio)

  static let folioClient: [ConfigurationKey] = [
    .init(
      "folio.base_url", .text, default: "https://api.uat.foliofn.com", live: true, "base URL"
    ) { $0.folio.baseURL },
    .init(
      "folio.api_key", .text, default: "empty", live: true,
      "the key named in the signature (not secret)"
    ) { $0.folioAPIKey },
    .init("folio.shared_secret", .secret, default: "none", live: true, "signing secret") {
      redacted($0.folioSharedSecret.revealed)
    },
    .init(
      "folio.shared_secret_file", .text, default: "none", live: true,
      "file holding the signing secret (older form)"
    ) { _ in nil },
    .init(
      "folio.shared_secret_env", .text, default: "FOLIO_SHARED_SECRET", live: true,
      "variable holding the signing secret (older form)"
    ) { _ in nil },
    .init(
      "folio.rate_per_second", .rate(10_000), default: "20", live: true,
      "client-side rate limit"
    ) { ConfigurationKey.Kind.number($0.folioRate) },
    .init(
      "folio.start_delay_seconds", .seconds(anyTime), default: "86400", live: true,
      "a Folio job awaits amounts this long after insert"
    ) { seconds($0.verification.folio.startDelay) },
  ]

  static let schedules: [ConfigurationKey] = [
    .init(
      "schedules.details_first_poll_seconds", .seconds(anyTime), default: "60", live: true,
      "first Finicity details read after initiating"
    ) { seconds($0.verification.poll.firstDelay) },
    .init(
      "schedules.details_poll_multiplier", .integer(1...16), default: "2", live: true,
      "delay factor after each details read"
    ) { "\($0.verification.poll.multiplier)" },
    .init(
      "schedules.details_max_poll_seconds", .seconds(anyTime), default: "3600", live: true,
      "longest delay between details reads"
    ) { seconds($0.verification.poll.maxDelay) },
    .init(
      "schedules.retry_base_seconds", .seconds(anyTime), default: "1", live: true,
      "first retry's jitter ceiling"
    ) { seconds($0.verification.retry.baseDelay) },
    .init(
      "schedules.retry_max_seconds", .seconds(anyTime), default: "300", live: true,
      "largest retry jitter ceiling"
    ) { seconds($0.verification.retry.maxDelay) },
    .init(
      "schedules.retry_window_seconds", .seconds(anyTime), default: "86400", live: true,
      "a streak of retries longer than this ends provider_failed"
    ) { seconds($0.verification.retry.window) },
    .init(
      "schedules.initiate_settle_seconds", .seconds(anyTime),
      default: "money-call budget + 20", live: false,
      "least time between a money call's intent and reconciling it; above the budget"
    ) { seconds($0.verification.initiateSettleDelay) },
  ]

  /// A provider's `flow` keys.
  static func flow(
    _ provider: String,
    _ path: KeyPath<VerificationConfiguration, ProviderSettings> & Sendable
  ) -> [ConfigurationKey] {
    [
      .init(
        "\(provider).flow.expiry_seconds", .seconds(anyTime), default: "1209600", live: true,
        "local expiry after entering awaiting_amounts"
      ) { seconds($0.verification[keyPath: path].expiry) },
      .init(
        "\(provider).flow.reminder_offsets_seconds", .secondsList(anyTime),
        default: "[86400, 259200, 604800]", live: true,
        "reminder prompts after entering awaiting_amounts"
      ) {
        "["
          + $0.verification[keyPath: path].prompts.reminderOffsets.map(seconds)
          .joined(separator: ", ") + "]"
      },
      .init(
        "\(provider).flow.last_chance_lead_seconds", .seconds(anyTime), default: "86400",
        live: true, "the last-chance prompt this long before the expiry"
      ) { seconds($0.verification[keyPath: path].prompts.lastChanceLead) },
    ]
  }

  /// A duration as a number of seconds, as written in the file.
  static func seconds(_ duration: Duration) -> String {
    let (whole, attos) = duration.components
    if attos == 0 { return String(whole) }
    return String(Double(whole) + Double(attos) / 1e18)
  }

  /// `<redacted>` for a set secret, `(not set)` for an empty one.
  static func redacted(_ value: String) -> String {
    value.isEmpty ? "(not set)" : "<redacted>"
  }

  /// A libpq URI or conninfo with its password replaced by `<redacted>`.
  static func redactedConnectionString(_ text: String) -> String {
    var result = text
    if let range = text.range(of: "://"), let at = text[range.upperBound...].firstIndex(of: "@") {
      let userInfo = text[range.upperBound..<at]
      if let colon = userInfo.firstIndex(of: ":") {
        result = text[..<colon] + ":<redacted>" + text[at...]
      }
    }
    return result.replacingOccurrences(
      of: #"password\s*=\s*('([^'\\]|\\.)*'|[^\s&]+)"#, with: "password=<redacted>",
      options: .regularExpression)
  }
}
