import AsyncHTTPClient
import Foundation
import JobQueue
import Observability
import Prometheus
import Synchronization
import TestSupport
import Testing
import Verification
import VerifierRuntime

@Suite("Metrics of a running daemon, queue gauges and readiness", .serialized)
struct MetricsTests {
  /// A registry and the daemon's metrics over it.
  struct Recorded {
    let registry = PrometheusCollectorRegistry()
    var metrics: VerifierMetrics {
      VerifierMetrics(factory: VerifierMetrics.prometheusFactory(registry: registry))
    }
    var text: String { registry.emitToString() }

    /// The sum of the sample lines starting with `prefix`.
    func sum(_ prefix: String) -> Double {
      text.split(separator: "\n").filter { $0.hasPrefix(prefix) }
        .compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }.reduce(0, +)
    }

    /// The value of the sample line starting with `series` (name and labels), if present.
    func value(_ series: String) -> Double? {
      text.split(separator: "\n").first { $0.hasPrefix(series + " ") }
        .flatMap { Double($0.dropFirst(series.count + 1)) }
    }
  }

  @Test("provider calls by provider, endpoint and result, transitions, claims, 429s and retries")
  func runLoop() async throws {
    try await withStack { stack in
      let recorded = Recorded()
      let customer = try await Customer.start(stack)
      // Every call is answered 429 until one has been counted; then the provider behaves.
      try await stack.control("PUT", "/_sandbox/faults", ["rateLimitFraction": 1.0])
      let folio = try await stack.insertFolio(oid: "BL-M1", ref: "right")
      let finicity = try await stack.insertFinicity(account: "55500007", ref: "right")
      // Generous limits: under a loaded machine the 429 phase must not run into expiry.
      var configuration = stack.configuration()
      configuration.verification.finicity.pendingLimit = .seconds(120)
      configuration.verification.finicity.expiry = .seconds(120)
      configuration.verification.folio.expiry = .seconds(120)
      configuration.verification.retry = RetryPolicy(
        baseDelay: .milliseconds(100), maxDelay: .milliseconds(500), window: .seconds(120))
      try await withRuntime(configuration, metrics: recorded.metrics) { _ in
        try await stack.waitFor("a 429 counted") {
          recorded.text.contains("verifierd_provider_rate_limited_total{")
        }
        try await stack.control("PUT", "/_sandbox/faults", ["rateLimitFraction": 0.0])
        try await stack.waitUntilFinished([folio, finicity])
      }
      await customer.stop()
      for id in [folio, finicity] {
        let job = try await stack.job(id)
        #expect(job.state == "verified", "job \(id): \(job)")
      }
      let calls = "verifierd_provider_calls_total"
      #expect(
        recorded.value(#"\#(calls){provider="folio",endpoint="verify",result="success"}"#) == 1)
      #expect(
        recorded.value(#"\#(calls){provider="finicity",endpoint="initiate",result="success"}"#)
          == 1)
      #expect(
        recorded.value(#"\#(calls){provider="finicity",endpoint="verify",result="success"}"#) == 1)
      #expect(recorded.text.contains(#"result="retry_later"} "#))
      #expect(recorded.text.contains("verifierd_provider_retries_total{"))
      // Every call is timed, whatever its result (the 429s included).
      #expect(
        recorded.value(
          #"verifierd_provider_call_duration_seconds_count{provider="folio",endpoint="verify"}"#)
          == recorded.sum(#"\#(calls){provider="folio",endpoint="verify","#))
      #expect(
        recorded.value(
          #"verifierd_transitions_total{provider="folio",from="verifying",to="verified"}"#) == 1)
      #expect(
        recorded.value(
          #"verifierd_transitions_total{provider="finicity",from="verifying",to="verified"}"#) == 1)
      #expect(
        recorded.value(#"verifierd_jobs_finished_total{provider="folio",outcome="verified"}"#) == 1)
      #expect((recorded.value("verifierd_claim_batch_size_count") ?? 0) >= 1)
      #expect((recorded.value("verifierd_claim_batch_size_sum") ?? 0) >= 2)
      #expect(!recorded.text.contains("BL-M1"))
      #expect(!recorded.text.contains("55500007"))
      // The fleet limit: permits granted, waits by class, its rate and the 429's pause.
      #expect(
        (recorded.value(#"verifierd_rate_limit_permits_total{provider="finicity"}"#) ?? 0) >= 3)
      #expect((recorded.value(#"verifierd_rate_limit_permits_total{provider="folio"}"#) ?? 0) >= 1)
      #expect(
        (recorded.value(
          #"verifierd_rate_limit_wait_seconds_count{provider="finicity",class="money"}"#) ?? 0) >= 1
      )
      #expect(recorded.value(#"verifierd_rate_limit_configured_rate{provider="finicity"}"#) == 1000)
      #expect(
        (recorded.value(#"verifierd_rate_limit_rate{provider="finicity"}"#) ?? 1000) < 1000
          || (recorded.value(#"verifierd_rate_limit_rate{provider="folio"}"#) ?? 1000) < 1000)
      #expect(recorded.text.contains(#"verifierd_rate_limit_pauses_total{provider="#))
    }
  }

  @Test("an expired lease's job is counted as rescued when claimed again")
  func rescue() async throws {
    try await withStack { stack in
      let recorded = Recorded()
      let id = try await stack.insertFolio(oid: "BL-M2", ref: "silent")
      // Another daemon held the job and vanished: its lease ran out a minute ago.
      try await stack.database.run(
        """
        UPDATE verifier.jobs SET lease_owner = 'gone', lease_token = gen_random_uuid(),
               lease_expires_at = now() - interval '1 minute', run_at = now() - interval '1 minute'
         WHERE id = $1
        """, [id])
      let runtime = VerifierRuntime.make(
        stack.configuration(), metrics: recorded.metrics)
      let running = Task { try await runtime.run() }
      try? await stack.waitFor("the rescue counted") {
        recorded.value("verifierd_lease_rescues_total") == 1
      }
      runtime.stop()
      try await running.value
      #expect(recorded.value("verifierd_lease_rescues_total") == 1)
    }
  }

  @Test("queue sampler: jobs per provider and state from the database, zero once emptied")
  func sampler() async throws {
    try await withStack { stack in
      let recorded = Recorded()
      let sampler = QueueMetricsSampler(
        database: stack.database.configuration, metrics: recorded.metrics)
      let first = try await stack.insertFolio(oid: "BL-M3", ref: "right")
      try await stack.insertFolio(oid: "BL-M4", ref: "right")
      try await sampler.sample()
      let series = #"verifierd_jobs{provider="folio",state="queued"}"#
      #expect(recorded.value(series) == 2)
      #expect(recorded.value("verifierd_jobs_due") == 2)
      #expect((recorded.value("verifierd_queue_lag_seconds") ?? -1) >= 0)
      let finish =
        "UPDATE verifier.jobs SET state = 'canceled', outcome = 'canceled', finished_at = now()"
      try await stack.database.run(finish + " WHERE id = $1", [first])
      try await stack.database.run(
        "UPDATE verifier.jobs SET run_at = now() + interval '1 hour' WHERE finished_at IS NULL")
      try await sampler.sample()
      #expect(recorded.value(series) == 1)
      #expect(recorded.value("verifierd_jobs_due") == 0)
      #expect(recorded.value("verifierd_queue_lag_seconds") == 0)
      try await stack.database.run(finish + " WHERE finished_at IS NULL")
      try await sampler.sample()
      #expect(recorded.value(series) == 0)
    }
  }

  @Test("readiness: ready when migrated, not ready when migrations are pending or no database")
  func readiness() async throws {
    try await TestDatabase.with { database in
      let check = DatabaseReadiness(database: database.configuration)
      #expect(await check.check() == .ready)
      // Concurrent checks (shared or not) all answer.
      let answers = await withTaskGroup(of: Readiness.self) { group in
        for _ in 0..<5 { group.addTask { await check.check() } }
        return await group.reduce(into: []) { $0.append($1) }
      }
      #expect(answers == Array(repeating: .ready, count: 5))
      await check.close()
    }
    try await TestDatabase.with(migrated: false) { database in
      let check = DatabaseReadiness(database: database.configuration)
      #expect(await check.check() == .notReady(reason: "migrations pending"))
      try await Migrator(connection: database.connect()).migrate()
      #expect(await check.check() == .ready)
      await check.close()
    }
    let nowhere = DatabaseReadiness(
      database: PGConfiguration(
        connectionString: "postgresql://verifier:secret@127.0.0.1:1/none?connect_timeout=2"))
    #expect(await nowhere.check() == .notReady(reason: "database unreachable"))
  }

  @Test("the daemon's endpoint: /readyz from the database, /metrics with sampled queue gauges")
  func daemonEndpoint() async throws {
    try await withStack { stack in
      let observability = try await DaemonObservability.start(
        port: 0, database: stack.database.configuration, sampleInterval: .milliseconds(100))
      let base = "http://127.0.0.1:\(observability.server.port)"
      func get(_ path: String) async throws -> (Int, String) {
        let response = try await stack.http.execute(
          HTTPClientRequest(url: base + path), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 22)
        return (Int(response.status.code), String(buffer: body))
      }
      do {
        #expect(try await get("/healthz").0 == 200)
        #expect(try await get("/readyz") == (200, "ready\n"))
        try await stack.insertFolio(oid: "BL-M5", ref: "right")
        try await stack.waitFor("the sampled gauge served") {
          try await get("/metrics").1.contains(
            #"verifierd_jobs{provider="folio",state="queued"} 1"#)
        }
        observability.metrics.claimed(batchSize: 1, rescued: 0)
        #expect(try await get("/metrics").1.contains("verifierd_claim_batch_size_count 1"))
        observability.markDraining()
        #expect(try await get("/readyz") == (503, "not ready: draining\n"))
        #expect(try await get("/healthz").0 == 200)
      } catch {
        await observability.stop()
        throw error
      }
      await observability.stop()
    }
  }

  @Test("a drain tells onDrain (verifierd run turns /readyz to 503 with it) before run returns")
  func drainHook() async throws {
    try await withStack { stack in
      let heard = Mutex(0)
      let runtime = VerifierRuntime.make(
        stack.configuration(), onDrain: { heard.withLock { $0 += 1 } })
      let running = Task { try await runtime.run() }
      try await stack.waitFor("the first claim") { await runtime.claimRounds >= 1 }
      #expect(heard.withLock { $0 } == 0)
      runtime.stop()
      try await running.value
      #expect(heard.withLock { $0 } == 1)
    }
  }
}
