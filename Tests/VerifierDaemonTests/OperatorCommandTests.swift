import Foundation
import JobQueue
import TestSupport
import Testing
import Verification

@Suite("the operator's CLI")
struct OperatorCommandTests {
  static func verifierd(_ database: TestDatabase, _ arguments: [String]) throws
    -> ChildProcess.Result
  {
    try ChildProcess.run(
      MigrateCommandTests.verifierd,
      arguments + ["--database-url", database.configuration.connectionString!])
  }

  static func decoder() -> JSONDecoder {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    return decoder
  }

  @Test("status counts live jobs per state, due jobs, recent outcomes and lease holders")
  func status() async throws {
    try await TestDatabase.with { database in
      try await Sample.insertFinicityJobs(5, into: database)
      try await database.run(
        "UPDATE verifier.jobs SET state = 'expired', outcome = 'expired', finished_at = now() WHERE id = 5"
      )
      try await database.run(
        "UPDATE verifier.jobs SET run_at = now() + interval '1 hour' WHERE id = 4")
      let store = JobStore(connection: database.connect(), instance: "daemon-a")
      _ = try await store.claim(limit: 2, leaseDuration: .seconds(300))
      let limits = RateLimitStore(
        connection: database.connect(), provider: .finicity, law: FleetRateLaw(configuredRate: 50))
      _ = try await limits.lease(want: 1, configuredRate: 50)
      _ = try await limits.refused(retryAfter: .seconds(60), cause: "429", configuredRate: 50)
      let result = try Self.verifierd(database, ["status", "--json"])
      #expect(result.status == 0, "\(result.errors)")
      let status = try Self.decoder().decode(QueueStatus.self, from: Data(result.output.utf8))
      #expect(status.states == [.init(provider: "finicity", state: "queued", count: 4)])
      #expect(status.dueNow == 1)
      #expect(status.outcomesLastHour == [.init(outcome: "expired", count: 1)])
      #expect(status.leaseHolders == [.init(instance: "daemon-a", leases: 2, expired: 0)])
      #expect(status.rateLimits.map(\.provider) == ["finicity"])
      #expect(status.rateLimits.first?.configuredRate == 50)
      #expect((status.rateLimits.first?.currentRate ?? 50) < 50)
      #expect((status.rateLimits.first?.pausedForSeconds ?? 0) > 50)
      #expect(status.rateLimits.first?.lastPauseCause == "429")
      #expect(status.rateLimits.first?.refused == 1)
      let table = try Self.verifierd(database, ["status"])
      #expect(table.status == 0)
      #expect(table.output.contains("daemons holding leases"))
      #expect(table.output.contains("daemon-a"))
      #expect(table.output.contains("provider rate limits"))
    }
  }

  @Test("without --database-url, commands take the database from --config as run does; 78 if bad")
  func databaseFromConfig() async throws {
    try await TestDatabase.with { database in
      try await Sample.insertFinicityJobs(2, into: database)
      let url = database.configuration.connectionString ?? ""
      let good = try CheckConfigCommandTests.write(#"{"database_url": "\#(url)"}"#)
      let status = try await CheckConfigCommandTests.verifierd(
        ["status", "--json", "--config", good],
        environment: ["DATABASE_URL": "postgresql:///nowhere"])
      #expect(status.status == 0, "\(status.errors)")
      let counts = try Self.decoder().decode(QueueStatus.self, from: Data(status.output.utf8))
      #expect(counts.states == [.init(provider: "finicity", state: "queued", count: 2)])
      let bad = try CheckConfigCommandTests.write(#"{"database_url": "\#(url)", "claim_batch": 0}"#)
      let refused = try await CheckConfigCommandTests.verifierd(
        ["status", "--config", bad], environment: [:])
      #expect(refused.status == 78)
      #expect(refused.errors.contains("claim_batch (file)"))
    }
  }

  @Test("jobs show prints the job and its timeline, never the full account number")
  func show() async throws {
    try await TestDatabase.with { database in
      try await Sample.insertFinicityJobs(1, into: database)
      let store = JobStore(connection: database.connect(), instance: "daemon-a")
      let job = try #require(try await store.claim(limit: 1, leaseDuration: .seconds(300)).first)
      try await store.apply([
        try job.commit(
          schedule: .runAt(.now),
          records: [
            EventRecord(kind: .providerCall, provider: .finicity, endpoint: .initiate),
            EventRecord(
              kind: .stateChange, fromState: .queued, toState: .pending, provider: .finicity),
          ], measurement: CallMeasurement(httpStatus: 200, latency: .milliseconds(87))
        ) {
          $0.state = .pending
          $0.providerAccountID = "5011648377"
        }
      ])
      let text = try Self.verifierd(database, ["jobs", "show", "1"])
      #expect(text.status == 0, "\(text.errors)")
      #expect(text.output.contains("account ...0001"))
      #expect(text.output.contains("finicity initiate"))
      #expect(text.output.contains("HTTP 200, 87 ms"))
      #expect(text.output.contains("queued -> pending"))
      #expect(!text.output.contains("00000001"))
      let json = try Self.verifierd(database, ["jobs", "show", "1", "--json"])
      let detail = try Self.decoder().decode(JobDetail.self, from: Data(json.output.utf8))
      #expect(detail.events.map(\.event.kind) == ["provider_call", "state_change"])
      #expect(detail.providerAccountID == "5011648377")
      #expect(!json.output.contains("00000001"))
      #expect(try Self.verifierd(database, ["jobs", "show", "99"]).status == 66)
    }
  }

  @Test("jobs retry makes a waiting job due now, and refuses finished, held and unknown jobs")
  func retry() async throws {
    try await TestDatabase.with { database in
      try await Sample.insertFinicityJobs(3, into: database)
      try await database.run(
        "UPDATE verifier.jobs SET run_at = now() + interval '1 hour' WHERE id = 1")
      try await database.run(
        "UPDATE verifier.jobs SET state = 'verified', outcome = 'verified', finished_at = now() WHERE id = 2"
      )
      try await database.run(
        "UPDATE verifier.jobs SET run_at = now() + interval '1 hour' WHERE id = 3")
      try await database.run(
        "UPDATE verifier.jobs SET lease_owner = 'daemon-b', lease_token = gen_random_uuid(), lease_expires_at = now() + interval '5 minutes' WHERE id = 3"
      )
      let done = try Self.verifierd(database, ["jobs", "retry", "1"])
      #expect(done.status == 0, "\(done.errors)")
      let due = try await database.run(
        "SELECT run_at <= now() AS due FROM verifier.jobs WHERE id = 1")
      #expect(try due[0].decode("due", as: Bool.self))
      let event = try await database.run("SELECT kind FROM verifier.events WHERE job_id = 1")
      #expect(try event.rows.map { try $0.decode("kind", as: String.self) } == ["operator_retry"])
      let finished = try Self.verifierd(database, ["jobs", "retry", "2"])
      #expect(finished.status == 1)
      #expect(finished.errors.contains("already finished (verified)"))
      let held = try Self.verifierd(database, ["jobs", "retry", "3"])
      #expect(held.status == 1)
      #expect(held.errors.contains("held by daemon daemon-b"))
      #expect(try Self.verifierd(database, ["jobs", "retry", "42"]).status == 66)
    }
  }

  @Test("jobs cancel asks the daemon to cancel a live job and refuses a held one")
  func cancel() async throws {
    try await TestDatabase.with { database in
      try await Sample.insertFinicityJobs(2, into: database)
      let store = JobStore(connection: database.connect(), instance: "daemon-a")
      _ = try await store.claim(limit: 1, leaseDuration: .seconds(300))
      let requested = try Self.verifierd(database, ["jobs", "cancel", "2"])
      #expect(requested.status == 0)
      #expect(requested.output.contains("cancel requested"))
      let held = try Self.verifierd(database, ["jobs", "cancel", "1"])
      #expect(held.status == 1)
      let rows = try await database.run(
        "SELECT cancel_requested_at IS NOT NULL AS requested FROM verifier.jobs ORDER BY id")
      #expect(try rows.rows.map { try $0.decode("requested", as: Bool.self) } == [false, true])
    }
  }

  @Test("prune deletes old finished jobs with their history in batches, and nothing live or recent")
  func prune() async throws {
    try await TestDatabase.with { database in
      try await Sample.insertFinicityJobs(7, into: database)
      try await database.run(
        "INSERT INTO verifier.amount_submissions (job_id, amounts) VALUES (1, ARRAY[0.10, 0.20])")
      try await database.run(
        "UPDATE verifier.jobs SET state = 'verified', outcome = 'verified', finished_at = now() - interval '100 days' WHERE id <= 5"
      )
      try await database.run(
        "UPDATE verifier.jobs SET state = 'expired', outcome = 'expired', finished_at = now() WHERE id = 6"
      )
      try await database.run(
        "INSERT INTO verifier.events (job_id, kind) SELECT id, 'state_change' FROM verifier.jobs")
      let dry = try Self.verifierd(database, ["prune", "--older-than", "90d", "--dry-run"])
      #expect(dry.output.contains("would delete 5 finished jobs"))
      let pruned = try Self.verifierd(
        database, ["prune", "--older-than", "90d", "--batch-size", "2"])
      #expect(pruned.status == 0, "\(pruned.errors)")
      #expect(pruned.output.contains("deleted 5 finished jobs"))
      let left = try await database.run(
        """
        SELECT (SELECT array_agg(id ORDER BY id)::text FROM verifier.jobs) AS jobs,
               (SELECT count(*) FROM verifier.events) AS events,
               (SELECT count(*) FROM verifier.amount_submissions) AS submissions
        """)[0]
      #expect(try left.decode("jobs", as: String.self) == "{6,7}")
      #expect(try left.decode("events", as: Int.self) == 2)
      #expect(try left.decode("submissions", as: Int.self) == 0)
      let bad = try Self.verifierd(database, ["prune", "--older-than", "ninety"])
      #expect(bad.status == 64)
    }
  }

  @Test(
    "every command answers --help",
    arguments: [
      [], ["migrate"], ["status"], ["jobs"], ["jobs", "show"], ["jobs", "retry"],
      ["jobs", "cancel"], ["prune"],
    ])
  func help(_ command: [String]) throws {
    let result = try ChildProcess.run(MigrateCommandTests.verifierd, command + ["--help"])
    #expect(result.status == 0)
    #expect(result.output.contains("USAGE: verifierd"))
  }
}
