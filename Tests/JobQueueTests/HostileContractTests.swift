import Foundation
import JobQueue
import TestSupport
import Testing

@Suite("the INSERT contract against hostile applications", .timeLimit(.minutes(1)))
struct HostileContractTests {
  static let folioJob = "SELECT verifier.enqueue_folio('F100', 'BL-1', 'owner-1') AS id"

  @Test("names and identifiers of any script with inner spaces are accepted as given")
  func unusualButGood() async throws {
    try await TestDatabase.with { database in
      for (customer, name) in [
        ("cust 1", "José Müller-Lüdenscheidt"), ("客户-2", "李小龍"), ("c3", "O'Brien & Sons, Ltd."),
        ("c4", "Zoë\u{00A0}Ångström"),
      ] {
        try await database.run(
          "SELECT verifier.enqueue_finicity($1, $2, $3, '12345678', 'personalChecking', $1)",
          [customer, name, Sample.routing])
      }
      let names = try await database.run(
        "SELECT receiver_name FROM verifier.jobs ORDER BY id"
      ).rows.map { try $0.decode("receiver_name", as: String.self) }
      #expect(names.last == "Zoë\u{00A0}Ångström")
      #expect(names.count == 4)
    }
  }

  @Test("a duplicate names what it duplicates and the live job, for both providers")
  func duplicatesNameTheLiveJob() async throws {
    try await TestDatabase.with { database in
      let first = try await database.run(
        "SELECT verifier.enqueue_finicity('c1', 'Jane', $1, '12345678', 'personalChecking') AS id",
        [Sample.routing])[0].decode("id", as: Int64.self)
      let finicity = await #expect(throws: PGError.self) {
        try await database.run(
          "SELECT verifier.enqueue_finicity('c1', 'Jane', $1, '12345678', 'personalChecking')",
          [Sample.routing])
      }
      #expect(finicity?.sqlState == "23505")
      #expect(
        finicity?.message
          == "verifier.jobs: a live verification already exists for this customer and account (job \(first))"
      )
      let folio = try await database.run(Self.folioJob)[0].decode("id", as: Int64.self)
      let second = await #expect(throws: PGError.self) { try await database.run(Self.folioJob) }
      #expect(second?.sqlState == "23505")
      #expect(
        second?.message
          == "verifier.jobs: a live verification already exists for this bank link (job \(folio))")
    }
  }

  @Test("of two sessions inserting the same account at once, the second gets the same refusal")
  func concurrentDuplicate() async throws {
    try await TestDatabase.with { database in
      let holder = database.connect()
      let insert =
        "SELECT verifier.enqueue_finicity('c1', 'Jane', '\(Sample.routing)', '12345678', 'personalChecking') AS id"
      try await holder.query("BEGIN", operation: "begin")
      let first = try await holder.query(insert, operation: "first")[0].decode("id", as: Int64.self)
      let racer = database.connect()
      let second = Task { () -> PGError? in
        do {
          try await racer.query(insert, operation: "second")
          return nil
        } catch let error as PGError { return error } catch { return nil }
      }
      // The second insert waits on the first's per-account lock (seen in pg_stat_activity).
      let observer = database.connect()
      var waiting = false
      for _ in 0..<2_000 where !waiting {
        waiting = try await observer.query(
          """
          SELECT count(*) > 0 AS w FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock'
             AND wait_event = 'advisory'
          """, operation: "observe")[0].decode("w", as: Bool.self)
      }
      #expect(waiting, "the second insert never waited on the first")
      try await holder.query("COMMIT", operation: "commit")
      let error = await second.value
      #expect(error?.sqlState == "23505")
      #expect(
        error?.message
          == "verifier.jobs: a live verification already exists for this customer and account (job \(first))"
      )
      #expect(error?.constraint == nil, "the unique index's raw error leaked through")
    }
  }

  @Test(
    "submissions for finished jobs and jobs being canceled are refused naming the state",
    arguments: [
      (
        "UPDATE verifier.jobs SET state = 'expired', outcome = 'expired', finished_at = now()",
        "belongs to a job that has finished (state expired)"
      ),
      (
        "UPDATE verifier.jobs SET state = 'canceled', outcome = 'canceled', finished_at = now()",
        "belongs to a job that has finished (state canceled)"
      ),
      ("SELECT verifier.cancel(1)", "belongs to a job being canceled (state queued)"),
    ])
  func submissionsForFinishedJobs(finish: String, says: String) async throws {
    try await TestDatabase.with { database in
      try await database.run(Self.folioJob)
      try await database.run(finish)
      let error = await #expect(throws: PGError.self) {
        try await database.run("SELECT verifier.submit_amounts(1, 0.12, 0.34)")
      }
      #expect(error?.sqlState == "23514")
      #expect(error?.column == "job_id")
      #expect(
        error?.message == "verifier.amount_submissions: job_id \(says)",
        "message: \(error?.message ?? "")")
      let count = try await database.run("SELECT count(*) AS n FROM verifier.amount_submissions")
      #expect(try count[0].decode("n", as: Int.self) == 0)
    }
  }

  @Test(
    "a submission that slipped in as its job finished is refused by the sweep, not left pending")
  func orphanedSubmissionRefused() async throws {
    try await TestDatabase.with { database in
      try await database.run(Self.folioJob)
      try await database.run("SELECT verifier.enqueue_folio('F200', 'BL-2', 'owner-2')")
      try await database.run("SELECT verifier.submit_amounts(2, 0.12, 0.34)")
      // What the race leaves: a pending submission on a finished job (trigger checked it live).
      for sql in [
        "ALTER TABLE verifier.amount_submissions DISABLE TRIGGER USER",
        "INSERT INTO verifier.amount_submissions (job_id, amounts) VALUES (1, ARRAY[0.12, 0.34])",
        "ALTER TABLE verifier.amount_submissions ENABLE TRIGGER USER",
        "UPDATE verifier.jobs SET state = 'expired', outcome = 'expired', finished_at = now() WHERE id = 1",
      ] {
        try await database.run(sql)
      }
      let store = JobStore(connection: database.connect(), instance: "test")
      #expect(try await store.refuseOrphanedSubmissions() == 1)
      #expect(try await store.refuseOrphanedSubmissions() == 0)
      let rows = try await database.run(
        "SELECT job_id, status, reason, processed_at IS NOT NULL AS done FROM verifier.amount_submissions ORDER BY job_id"
      )
      #expect(try rows[0].decode("status", as: String.self) == "refused")
      #expect(
        try rows[0].decode("reason", as: String.self)
          == "the job finished before the amounts were read")
      #expect(try rows[0].decode("done", as: Bool.self))
      // The live job's submission is left for its daemon.
      #expect(try rows[1].decode("status", as: String.self) == "pending")
    }
  }
}
