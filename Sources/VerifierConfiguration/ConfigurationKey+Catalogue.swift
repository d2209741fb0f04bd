import Foundation
import JobQueue
import Providers

extension ConfigurationKey {
  static let anyTime: ClosedRange<Double> = 0...(10 * 365 * 86_400)
  static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
  static let logFormats = ["logfmt", "json", "text"]
  static let requestTimeouts: ClosedRange<Double> = 0.001...3600
  /// Up to the default the largest request timeout derives (2 × 3600 + 10).
  static let moneyCallBudgets: ClosedRange<Double> =
    0.001...(2 * requestTimeouts.upperBound + 10)

  /// Every key, in the order `check-config` prints them and in which they are resolved (a
  /// derived default sees the keys before it).
  public static let all: [ConfigurationKey] =
    database + daemon + http + finicity + folio + schedules + fraud + webhooks

  static let daemon: [ConfigurationKey] = [
    .init(
      "instance", .text,
      default: .derived("hostname:pid") { _, _ in
        .text(RuntimeConfiguration.defaultInstance)
      }, live: false, "this daemon's name on leases and events", .field(\.instance)),
    .init(
      "max_in_flight", .integer(1...1024), default: .value(.integer(32)), live: true,
      "jobs (so provider calls) in flight at once", .field(\.maxInFlight)),
    .init(
      "claim_batch", .integer(1...1000), default: .value(.integer(16)), live: true,
      "jobs claimed per round trip", .field(\.claimBatch)),
    .init(
      "lease_seconds", .seconds(0.001...86_400), default: .value(.number(60)), live: true,
      "lease length; renewed every third of it while a job is in flight",
      .field(\.leaseDuration)),
    .init(
      "poll_interval_seconds", .seconds(0.001...86_400), default: .value(.number(5)), live: true,
      "backstop poll (the only wake-up when listen is false)", .field(\.pollInterval)),
    .init(
      "prompt_sweep_seconds", .seconds(0.001...86_400), default: .value(.number(5)), live: true,
      "how often due prompts are marked and announced", .field(\.promptSweepInterval)),
    .init(
      "drain_timeout_seconds", .seconds(0...3600), default: .value(.number(20)), live: true,
      "on SIGTERM, how long in-flight calls may finish", .field(\.drainTimeout)),
    .init(
      "listen", .boolean, default: .value(.boolean(true)), live: false,
      "LISTEN for wake-ups (false: poll only, e.g. behind PgBouncer)", .field(\.listen)),
    .init(
      "log.level", .choice(logLevels), default: .value(.text("info")), live: true,
      "the least level logged; --log-level overrides it", .field(\.logLevel)),
    .init(
      "log.format", .choice(logFormats), default: .value(.text("logfmt")), live: false,
      "one line per record on stderr: logfmt or JSON for journald, text for people",
      .field(\.logFormat)),
    .init(
      "metrics.listen", .loopbackAddress, default: .value(.text("127.0.0.1:9464")), live: false,
      "/metrics, /healthz, /readyz and the status page (/); empty switches them off",
      .field(\.metricsListen)),
  ]

  static let database: [ConfigurationKey] = [
    .init(
      "database_url", .text,
      default: .derived("DATABASE_URL, else libpq's PG* variables") { _, environment in
        environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : .text($0) }
      }, live: false, "libpq URI or conninfo (a password in it is redacted when shown)",
      .field(\.database.connectionString)
    ) { value in
      guard case .text(let url) = value else { return "(DATABASE_URL / PG*)" }
      return redactedConnectionString(url)
    },
    .init(
      "database.password", .secret, default: .unset("none"), live: false,
      "the database password, for a URL without one", .field(\.database.password)),
    .init(
      "database.statement_timeout_seconds", .seconds(0...86_400),
      default: .of(PGConfiguration.defaultStatementTimeout), live: false,
      "the longest one statement may run (0: no limit); migrations run without it",
      .field(\.database.statementTimeout)),
    .init(
      "database.keepalives_idle_seconds", .integer(1...86_400),
      default: .of(PGConfiguration.Keepalives().idleSeconds), live: false,
      "seconds of TCP silence before the first keepalive probe (keepalives_* in the URL win)",
      .field(\.database.keepalives.idleSeconds)),
    .init(
      "database.keepalives_interval_seconds", .integer(1...3600),
      default: .of(PGConfiguration.Keepalives().intervalSeconds), live: false,
      "seconds between unanswered keepalive probes", .field(\.database.keepalives.intervalSeconds)),
    .init(
      "database.keepalives_count", .integer(1...100),
      default: .of(PGConfiguration.Keepalives().count), live: false,
      "unanswered probes before the connection counts as lost",
      .field(\.database.keepalives.count)),
  ]

  static let http: [ConfigurationKey] = [
    .init(
      "http.connect_timeout_seconds", .seconds(0.001...300),
      default: .of(ProviderHTTPConfiguration().connectTimeout), live: false,
      "provider connect timeout", .field(\.http.connectTimeout)),
    .init(
      "http.request_timeout_seconds", .seconds(requestTimeouts),
      default: .of(ProviderHTTPConfiguration().requestTimeout), live: false,
      "whole provider call timeout", .field(\.http.requestTimeout)),
    .init(
      "http.money_call_budget_seconds", .seconds(moneyCallBudgets),
      // Two request timeouts (a token request, then the call) and ten seconds of rate-limit wait.
      default: .derived("2 × request timeout + 10") { configuration, _ in
        (configuration.http.requestTimeout * 2 + .seconds(10)).configurationValue
      }, live: false,
      "the longest an initiate or verify may run from the commit of its intent",
      .field(\.moneyCallBudget)),
  ]

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
