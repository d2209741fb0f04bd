import AsyncHTTPClient
import Foundation
import JobQueue
import NIOCore
import ProviderSandbox
import TestSupport
import Testing
import Verification

#if canImport(Glibc)
  import Glibc
#endif

/// A demo-sized run with known secrets and account numbers: none of them, and no amount, may
/// appear in the daemon's output, the tables applications and operators read, SQL errors,
/// notifications or the operator's commands.
@Suite("Leaks: no secret, account number or amount in any output", .serialized)
struct LeakTests {
  /// Faults on about one call in eight: 429s, 5xx and resets after the provider acted (lost
  /// answers), truncated bodies and Finicity throttle codes, so the error paths log too.
  static let faults = SandboxFaults(
    rateLimitFraction: 0.03, serverErrorFraction: 0.03, resetFraction: 0.02,
    malformedFraction: 0.02, throttleFraction: 0.02, afterEffect: true)

  /// The daemon's configuration: seconds-scale schedules so 252 jobs finish in seconds. Each
  /// provider has a process-scope bucket: the fleet limiter reads every 429 as the provider's
  /// limit and slows the fleet to the rate at which such refusals stop, which random 429s never
  /// do, and these 5-s expiries cannot wait for that (the fleet limit has tests of its own).
  static func configuration(_ stack: Stack, url: String) -> [String: Any] {
    let flow: [String: Any] = [
      "expiry_seconds": 5, "reminder_offsets_seconds": [1], "last_chance_lead_seconds": 2,
    ]
    return [
      "database_url": url, "instance": "leak-daemon", "max_in_flight": 64, "claim_batch": 32,
      "http": [
        "connect_timeout_seconds": 2, "request_timeout_seconds": 2,
        "money_call_budget_seconds": 2.5,
      ],
      "finicity": [
        "base_url": stack.sandbox.baseURL, "partner_id": "1234583871234", "rate_per_second": 1000,
        "rate_limit_scope": "process", "pending_limit_seconds": 4, "flow": flow,
      ],
      "folio": [
        "base_url": stack.sandbox.baseURL, "api_key": "sandbox-folio-key", "rate_per_second": 1000,
        "rate_limit_scope": "process", "start_delay_seconds": 0, "flow": flow,
      ],
      "schedules": [
        "details_first_poll_seconds": 0.2, "details_max_poll_seconds": 0.5,
        "initiate_settle_seconds": 3, "retry_base_seconds": 0.1, "retry_max_seconds": 0.5,
        "retry_window_seconds": 30,
      ],
      // Every event to the sandbox's receiver, which keeps the bodies for the scan.
      "webhooks": [
        "retry_initial_seconds": 0.05, "retry_max_seconds": 0.2, "poll_interval_seconds": 0.1,
        "endpoints": [
          "leak": [
            "url": stack.sandbox.baseURL + "/_sandbox/webhooks",
            "events": WebhookEventType.allCases.map(\.rawValue), "timeout_seconds": 2,
          ]
        ],
      ],
    ]
  }

  @Test(
    "252 jobs of every kind, faults, bad inserts: no secret, account number or amount anywhere",
    .timeLimit(.minutes(3)))
  func demoSizedFlow() async throws {
    let secrets = LeakSecrets()
    let sandbox = SandboxConfiguration(
      finicityAppKey: secrets.appKey, finicityPartnerSecret: secrets.partnerSecret,
      folioSharedSecret: secrets.folioSharedSecret, faults: Self.faults,
      webhookSecret: secrets.webhookSecret, keepWebhookBodies: true)
    do {
      try await withStack(sandbox: sandbox) { stack in try await run(stack, secrets) }
    } catch {
      await secrets.dropRole()
      throw error
    }
    await secrets.dropRole()
  }

  /// What of a Prometheus exposition could carry data: each sample's name and labels. The values
  /// are counts and seconds, and the histogram bounds (`le="0.05"`) are fixed numbers; both would
  /// read as amounts to the scanner without being data, so they are left out. Other text passes
  /// through whole.
  static func labels(of text: String) -> String {
    guard text.contains("verifierd_") else { return text }
    return text.split(separator: "\n").map { line in
      let series = line.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
      return series.replacingOccurrences(
        of: #"le="[^"]*""#, with: "le=(bound)", options: .regularExpression)
    }.joined(separator: "\n")
  }

  func run(_ stack: Stack, _ secrets: LeakSecrets) async throws {
    try await secrets.createRole()
    let logStart = LeakEvidence.serverLogSize()
    let url = secrets.databaseURL(stack.database)
    let notifications = EventRecorder()
    let listener = PGListener(
      configuration: stack.database.configuration,
      channels: [VerifierChannel.prompts, VerifierChannel.finished]
    ) { notifications.record($0) }
    try await listener.start()
    let customer = try await Customer.start(stack)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "leak-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let metricsPort = try FreePort.pick()
    var settings = Self.configuration(stack, url: url)
    settings["metrics"] = ["listen": "127.0.0.1:\(metricsPort)"]
    let config = try DaemonProcess.configFile(stack, settings)
    defer { try? FileManager.default.removeItem(atPath: config) }
    let daemon = try RunningChild.start(
      DaemonProcess.verifierd, ["run", "--config", config, "--log-level", "trace"],
      environment: try secrets.environment(credentialsIn: folder))
    // An operator command that cannot reach the database, with the password in its URL: its
    // error must not print the URL. (It retries with backoff for a few seconds: run it meanwhile.)
    var unreachable = URLComponents(string: url)!
    unreachable.port = 1
    unreachable.password = secrets.databasePassword
    let offline = try RunningChild.start(
      DaemonProcess.verifierd, ["status", "--database-url", unreachable.string!])

    let jobs: [LeakJob]
    let sqlErrors: [String]
    do {
      // One delivery in ten fails, so the retry path logs too.
      try await stack.control("PUT", "/_sandbox/webhooks/faults", ["serverErrorFraction": 0.1])
      (jobs, sqlErrors) = try await drive(stack)
      try await stack.waitFor("every webhook delivered") {
        let pending = try await stack.database.run(
          "SELECT count(*) AS n FROM verifier.outbox WHERE status = 'pending'")
        return try pending[0].decode("n", as: Int.self) == 0
      }
    } catch {
      for child in [daemon, offline] {
        child.send(SIGKILL)
        _ = await child.wait()
      }
      await customer.stop()
      await listener.stop()
      throw error
    }
    // What a scraper and a load balancer see, fetched while the daemon still runs.
    var endpoints: [(String, String)] = []
    for path in ["/metrics", "/healthz", "/readyz"] {
      let response = try await stack.http.execute(
        HTTPClientRequest(url: "http://127.0.0.1:\(metricsPort)\(path)"), timeout: .seconds(10))
      let body = try await response.body.collect(upTo: 4 << 20)
      endpoints.append(
        ("GET \(path) (\(response.status.code))", Self.labels(of: String(buffer: body))))
    }
    // What an operator sees on the status page: the overview and some jobs' timelines.
    let shown = Array(Set(jobs.map(\.kind))).sorted().compactMap { kind in
      jobs.first { $0.kind == kind }?.id
    }
    for path in ["/"] + shown.map({ "/jobs/\($0)" }) {
      let response = try await stack.http.execute(
        HTTPClientRequest(url: "http://127.0.0.1:\(metricsPort)\(path)"), timeout: .seconds(10))
      let body = try await response.body.collect(upTo: 4 << 20)
      endpoints.append(("GET \(path) (\(response.status.code))", String(buffer: body)))
    }
    daemon.send(SIGTERM)
    let daemonResult = await daemon.wait()
    await customer.stop()
    await listener.stop()
    let offlineResult = await offline.wait()

    var evidence = LeakEvidence()
    evidence.add("verifierd run (stdout)", daemonResult.output)
    evidence.add("verifierd run (stderr)", daemonResult.errors)
    for (source, text) in endpoints { evidence.add(source, text) }
    for (index, text) in sqlErrors.enumerated() { evidence.add("SQL error \(index + 1)", text) }
    evidence.add("verifierd status, database unreachable (stdout)", offlineResult.output)
    evidence.add("verifierd status, database unreachable (stderr)", offlineResult.errors)
    evidence.add(
      "notifications",
      notifications.events.compactMap {
        if case .notification(let note) = $0 { return "\(note.channel) \(note.payload)" }
        return nil
      }.joined(separator: "\n"))
    let eventRows = try await evidence.addTables(stack.database)
    // What the receiver was sent: every delivery's body, as it arrived.
    let arrivals =
      try await stack.control("GET", "/_sandbox/webhooks")["arrivals"] as? [[String: Any]] ?? []
    let bodies = arrivals.compactMap { $0["body"] as? String }
    evidence.add("webhook deliveries (bodies)", bodies.joined(separator: "\n"))
    if let logStart {
      // The server's log holds the refusals it raised (so this is the log of this run's server).
      let log = try evidence.addServerLog(from: logStart)
      #expect(log.contains("must not end with white space"), "server log not read")
    }
    let sample = Dictionary(jobs.map { ($0.kind, $0.id) }, uniquingKeysWith: { first, _ in first })
    let failedCommands = try await evidence.addOperatorOutput(
      url: url, jobs: jobs.map(\.id), jsonSample: Set(sample.values))

    // The run happened, and it saw what it should have.
    #expect(daemonResult.status == 0, "verifierd run exited \(daemonResult.status)")
    #expect(daemonResult.errors.contains("verifierd running"))
    #expect(daemonResult.errors.contains("verifierd stopped"))
    #expect(offlineResult.status == 69, "unreachable database: exit \(offlineResult.status)")
    #expect(
      endpoints.prefix(4).map(\.0) == [
        "GET /metrics (200)", "GET /healthz (200)", "GET /readyz (200)", "GET / (200)",
      ])
    #expect(endpoints.dropFirst(4).allSatisfy { $0.0.hasSuffix("(200)") }, "\(endpoints.map(\.0))")
    #expect(endpoints[3].1.contains("verifierd status"))
    #expect(endpoints[0].1.contains("verifierd_provider_calls_total{"))
    #expect(failedCommands.isEmpty, "\(failedCommands.prefix(5))")
    #expect(sqlErrors.count == 14)
    #expect(eventRows > jobs.count * 3, "only \(eventRows) events")
    #expect(
      bodies.count == arrivals.count && bodies.count > jobs.count * 2, "\(bodies.count) bodies")
    #expect(arrivals.allSatisfy { $0["signature"] as? String == "valid" })
    #expect(notifications.notifications(on: VerifierChannel.finished).count >= jobs.count)
    // Once finished, no job keeps its full account number (a dump of the table would leak it).
    let kept = try await stack.database.run(
      "SELECT count(*) AS n FROM verifier.jobs WHERE account_number IS NOT NULL")
    #expect(try kept[0].decode("n", as: Int.self) == 0)
    try await expectOutcomes(stack, jobs)
    try await expectFaultsHappened(stack)

    let scanner = try Self.scanner(
      secrets, jobs, fingerprints: try await Self.fingerprints(stack, jobs))
    try await expectScannerCatches(scanner, stack, jobs)
    let findings = evidence.findings(scanner)
    // One example of each kind of leak in each source, then how many there were in all.
    var examples: [String: LeakScanner.Finding] = [:]
    for finding in findings {
      examples[finding.source + finding.rule] = examples[finding.source + finding.rule] ?? finding
    }
    #expect(
      findings.isEmpty,
      """
      \(findings.count) leaks, for example:
      \(examples.values.map(\.description).sorted().prefix(40).joined(separator: "\n"))
      """)
  }

  /// Enqueues the jobs, makes the bad inserts while they run, and waits for every job to finish.
  func drive(_ stack: Stack) async throws -> (jobs: [LeakJob], sqlErrors: [String]) {
    let app = stack.database.connect()
    let jobs = try await LeakScenario.enqueue(stack, on: app)
    // One token rejection, so the token renewal path runs (and logs) too.
    try await stack.control("POST", "/_sandbox/finicity/auth/reject", ["answers": ["10023"]])
    // The last "fin silent" job is still live now (it waits for amounts until its expiry).
    let silent = try #require(jobs.last { LeakScenario.cases[$0.kind].name == "fin silent" })
    let serial = try #require(jobs.firstIndex { $0.id == silent.id })
    let sqlErrors = try await LeakBadInputs.run(
      on: app, live: silent, customer: "leak\(serial)", account: silent.accountNumber)
    try await stack.waitUntilFinished(jobs.map(\.id), within: .seconds(120))
    return (jobs, sqlErrors)
  }

  /// Every job finished, and every kind reached the outcome its input stands for at least once
  /// (faults may turn a few jobs of a kind into another outcome, by design).
  func expectOutcomes(_ stack: Stack, _ jobs: [LeakJob]) async throws {
    var outcomes: [Int64: String] = [:]
    for row in try await stack.database.run(
      "SELECT id, coalesce(outcome, state) AS o, finished_at IS NOT NULL AS done FROM verifier.jobs"
    ).rows {
      #expect(try row.decode("done", as: Bool.self))
      outcomes[try row.decode("id")] = try row.decode("o")
    }
    #expect(outcomes.count == jobs.count)
    for (kind, item) in LeakScenario.cases.enumerated() {
      let seen = jobs.filter { $0.kind == kind }.compactMap { outcomes[$0.id] }
      #expect(seen.contains(item.expected), "\(item.name): \(seen)")
    }
  }

  /// The sandbox answered with faults, so their logging was exercised.
  func expectFaultsHappened(_ stack: Stack) async throws {
    let counters = try await stack.control("GET", "/_sandbox/counters")
    let faults = counters["faultsInjected"] as? [String: Int] ?? [:]
    #expect(faults.values.reduce(0, +) > 10, "\(faults)")
    #expect((counters["rateLimited429"] as? Int ?? 0) > 0)
    let retries = try await stack.database.run(
      "SELECT count(*) AS n FROM verifier.events WHERE kind = 'retry'")
    #expect(try retries[0].decode("n", as: Int.self) > 0)
  }

  /// What must not appear: the secrets, the account numbers the test enqueued, amounts.
  static func scanner(_ secrets: LeakSecrets, _ jobs: [LeakJob], fingerprints: [String]) throws
    -> LeakScanner
  {
    let finicity = jobs.filter { LeakScenario.cases[$0.kind].provider == "finicity" }
    let folio = jobs.filter { LeakScenario.cases[$0.kind].provider == "folio" }
    return try LeakScanner.forRun(
      secrets: secrets.all, finicityAccounts: finicity.map(\.accountNumber),
      folioAccounts: folio.map(\.accountNumber), amounts: LeakBadInputs.amountTexts,
      extra: fingerprints.map { LeakScanner.Needle(name: "an account fingerprint", value: $0) })
  }

  /// The fingerprints that derive from the test's Finicity account numbers: the keyed ones
  /// stored in `account_key`, and the unkeyed SHA-256 the key is computed from.
  static func fingerprints(_ stack: Stack, _ jobs: [LeakJob]) async throws -> [String] {
    let accounts = jobs.filter { LeakScenario.cases[$0.kind].provider == "finicity" }
      .map(\.accountNumber)
    let rows = try await stack.database.run(
      """
      SELECT account_key AS f FROM verifier.jobs WHERE account_key IS NOT NULL
      UNION ALL
      SELECT encode(sha256(convert_to($1 || ':' || a, 'UTF8')), 'hex') FROM unnest($2::text[]) AS a
      """, [Sample.routing, PGArray(accounts)])
    let found = try rows.rows.map { try $0.decode("f", as: String.self) }
    #expect(found.count == accounts.count * 2)
    return found
  }

  /// The scanner finds what it is meant to find: the amounts the customers really submitted (as
  /// PostgreSQL prints them), cents after an amount key, every form of an account number, a secret.
  func expectScannerCatches(_ scanner: LeakScanner, _ stack: Stack, _ jobs: [LeakJob])
    async throws
  {
    let submitted = try await stack.database.run(
      "SELECT string_agg(amounts::text, ' ') AS a FROM verifier.amount_submissions")
    let amounts = try submitted[0].decode("a", as: String.self)
    #expect(!scanner.scan(amounts, source: "submitted amounts").isEmpty)
    let finicity = try #require(jobs.first { LeakScenario.cases[$0.kind].provider == "finicity" })
    let number = finicity.accountNumber
    let grouped = stride(from: 0, to: number.count, by: 4).map {
      String(number.dropFirst($0).prefix(4))
    }.joined(separator: " ")
    let folio = try #require(jobs.first { LeakScenario.cases[$0.kind].provider == "folio" })
    for planted in [
      #"{"md1": 12, "md2": 5}"#, "account \(number)", "account \(number.dropLast(4))****",
      "account \(grouped)", "link \(folio.accountNumber)", "key \(LeakSecrets.prefix)-x",
      "refused: 1.37 dollars", "values {0.07,0.93}",
    ] {
      #expect(!scanner.scan(planted, source: "planted").isEmpty, "missed: \(planted)")
    }
    for innocent in [
      "2026-11-21 08:10:00.123456+00", "latency_ms 87", "oldest waiting 0.0 s",
      "job 17 account ...\(number.suffix(4))", "at 08:20:31.375728",
    ] {
      #expect(scanner.scan(innocent, source: "innocent").isEmpty, "false alarm: \(innocent)")
    }
  }
}
