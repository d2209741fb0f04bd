import AsyncHTTPClient
import Foundation
import JobQueue
import NIOCore
import Observability
import ProviderSandbox
import Providers
import TestSupport
import Testing
import Verification
import VerifierConfiguration
import VerifierRuntime

/// A fresh migrated database and a sandbox on 127.0.0.1, torn down by ``withStack``.
struct Stack: Sendable {
  let database: TestDatabase
  let sandbox: ProviderSandboxServer
  let http: HTTPClient

  /// A runtime configuration pointed at this stack, with seconds-scale schedules.
  func configuration(instance: String = "test-daemon") -> RuntimeConfiguration {
    var verification = VerificationConfiguration()
    // The flow tests enqueue many accounts for one customer; FraudFlowTests turn the rules on.
    verification.fraud = .off
    verification.poll = PollSchedule(
      firstDelay: .milliseconds(200), multiplier: 2, maxDelay: .seconds(1))
    verification.retry = RetryPolicy(
      baseDelay: .milliseconds(100), maxDelay: .milliseconds(500), window: .seconds(30))
    // The settle delay must outlast the money-call budget (set below), which must outlast the
    // slowest call a test makes (sandbox latency up to 1.5 s here).
    verification.initiateSettleDelay = .seconds(3)
    // The expiry leaves a loaded CI machine time to prompt, answer and verify; the jobs that must
    // expire wait it out.
    verification.finicity = ProviderSettings(
      expiry: .seconds(15),
      prompts: PromptSchedule(reminderOffsets: [], lastChanceLead: .seconds(2)),
      maxAttempts: 3, pendingLimit: .seconds(6))
    verification.folio = ProviderSettings(
      expiry: .seconds(15), startDelay: .zero,
      prompts: PromptSchedule(reminderOffsets: [], lastChanceLead: .seconds(2)))
    var configuration = RuntimeConfiguration(
      database: database.configuration,
      finicity: FinicityConfiguration(
        baseURL: sandbox.baseURL, partnerId: "1234583871234",
        partnerSecret: "sandbox-partner-secret", appKey: "sandbox-app-key"),
      folio: FolioConfiguration(baseURL: sandbox.baseURL), folioAPIKey: "sandbox-folio-key",
      folioSharedSecret: "sandbox-folio-secret", verification: verification, instance: instance)
    configuration.pollInterval = .milliseconds(500)
    configuration.promptSweepInterval = .milliseconds(200)
    configuration.leaseDuration = .seconds(10)
    configuration.drainTimeout = .seconds(5)
    configuration.http = ProviderHTTPConfiguration(
      connectTimeout: .seconds(2), requestTimeout: .seconds(5))
    configuration.moneyCallBudget = .milliseconds(2500)
    configuration.finicityRate = 1000
    configuration.folioRate = 1000
    return configuration
  }

  /// Sends a control API request to the sandbox and returns the decoded JSON object.
  @discardableResult
  func control(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws
    -> [String: Any]
  {
    var request = HTTPClientRequest(url: sandbox.baseURL + path)
    request.method = .init(rawValue: method)
    if let body {
      request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
      request.headers.add(name: "Content-Type", value: "application/json")
    }
    let response = try await http.execute(request, timeout: .seconds(10))
    let bytes = try await response.body.collect(upTo: 1 << 20)
    let object = try JSONSerialization.jsonObject(with: Data(bytes.readableBytesView))
    return object as? [String: Any] ?? [:]
  }

  /// The sandbox's totals.
  func counter(_ name: String) async throws -> Int {
    try await control("GET", "/_sandbox/counters")[name] as? Int ?? -1
  }

  /// Seeds a Folio bank link in the sandbox.
  func seedBankLink(_ oid: String, account: String, owner: String) async throws {
    try await control(
      "POST", "/_sandbox/folio/banklinks",
      ["accountNumber": account, "ownerLoginId": owner, "bankLinkOid": oid])
  }

  /// Inserts a Finicity job; returns its id.
  @discardableResult
  func insertFinicity(
    account: String, customer: String = "1005061234", ref: String = "ref",
    routing: String = Sample.routing
  ) async throws -> Int64 {
    let result = try await database.run(
      "SELECT verifier.enqueue_finicity($1, 'Jane Doe', $2, $3, 'personalChecking', $4) AS id",
      [customer, routing, account, ref])
    return try result[0].decode("id")
  }

  /// Seeds a bank link (unless `seed` is false) and inserts its Folio job; returns the job id.
  @discardableResult
  func insertFolio(oid: String, ref: String = "ref", owner: String? = nil, seed: Bool = true)
    async throws -> Int64
  {
    let owner = owner ?? "owner-\(oid)"
    if seed { try await seedBankLink(oid, account: "F\(oid)", owner: owner) }
    let result = try await database.run(
      "SELECT verifier.enqueue_folio($1, $2, $3, $4) AS id", ["F\(oid)", oid, owner, ref])
    return try result[0].decode("id")
  }

  /// The job's state, outcome and provider code.
  func job(_ id: Int64) async throws -> (state: String, outcome: String?, code: String?) {
    let row = try await database.run(
      "SELECT state, outcome, provider_code FROM verifier.jobs WHERE id = $1", [id])[0]
    return (
      try row.decode("state"), try row.decodeIfPresent("outcome"),
      try row.decodeIfPresent("provider_code")
    )
  }

  /// The job's history as one line per event, prompt and submission, oldest first: what a failed
  /// expectation shows.
  func timeline(_ id: Int64) async throws -> String {
    let rows = try await database.run(
      """
      SELECT at, what FROM (
        SELECT at, 'event ' || kind || ' ' || coalesce(from_state, '-') || '→'
               || coalesce(to_state, '-') || ' ' || coalesce(endpoint, '') || ' '
               || coalesce(message, '') AS what
          FROM verifier.events WHERE job_id = $1
        UNION ALL
        SELECT due_at, 'prompt ' || kind || ' ' || status FROM verifier.prompts WHERE job_id = $1
        UNION ALL
        SELECT created_at, 'submission ' || status || ' ' || coalesce(reason, '')
          FROM verifier.amount_submissions WHERE job_id = $1
      ) AS t ORDER BY at
      """, [id])
    return try rows.rows.map {
      let at: Date = try $0.decode("at")
      return "\(at.timeIntervalSince1970) \(try $0.decode("what", as: String.self))"
    }.joined(separator: "\n")
  }

  /// Waits (bounded) until every job is finished or `deadline` passes; fails the test then.
  func waitUntilFinished(_ ids: [Int64], within deadline: Duration = .seconds(60)) async throws {
    try await waitFor("jobs \(ids) finished", within: deadline) {
      let rows = try await database.run(
        "SELECT count(*) AS n FROM verifier.jobs WHERE id = ANY($1::bigint[]) AND finished_at IS NOT NULL",
        [PGArray(ids)])
      return try rows[0].decode("n", as: Int.self) == ids.count
    }
  }

  /// Polls `condition` until it holds, failing after `deadline` (no timing is asserted).
  func waitFor(
    _ what: String, within deadline: Duration = .seconds(60),
    _ condition: () async throws -> Bool
  ) async throws {
    let clock = ContinuousClock()
    let end = clock.now + deadline
    while clock.now < end {
      if try await condition() { return }
      try await Task.sleep(for: .milliseconds(50))
    }
    throw TestSetupError("timed out waiting for \(what)")
  }
}

/// Runs `body` with a fresh database and sandbox, then tears both down.
func withStack(
  sandbox configuration: SandboxConfiguration = SandboxConfiguration(),
  _ body: (Stack) async throws -> Void
) async throws {
  try await TestDatabase.with { database in
    var sandboxConfiguration = configuration
    sandboxConfiguration.capturePath =
      sandboxConfiguration.capturePath ?? ProcessInfo.processInfo.environment["SANDBOX_CAPTURE"]
    let sandbox = try await ProviderSandboxServer.start(sandboxConfiguration)
    let http = HTTPClient(eventLoopGroupProvider: .singleton)
    let stack = Stack(database: database, sandbox: sandbox, http: http)
    do {
      try await body(stack)
    } catch {
      try? await http.shutdown()
      await sandbox.stop()
      throw error
    }
    try await http.shutdown()
    await sandbox.stop()
  }
}

/// Runs a runtime in-process around `body`, then drains it.
func withRuntime(
  _ configuration: RuntimeConfiguration, metrics: VerifierMetrics = VerifierMetrics(),
  _ body: (VerifierRuntime) async throws -> Void
) async throws {
  let runtime = VerifierRuntime.make(configuration, metrics: metrics)
  let running = Task { try await runtime.run() }
  do {
    try await body(runtime)
  } catch {
    runtime.stop()
    _ = try? await running.value
    throw error
  }
  runtime.stop()
  try await running.value
}
