import Foundation
import JobQueue
import TestSupport
import Testing

@Suite("roles and the hot index")
struct RoleTests {
  /// Runs `sql` as `verifier_app` inside a rolled-back transaction and returns its error, if any.
  static func asApplication(_ database: TestDatabase, _ sql: String) async throws -> PGError? {
    try await database.connect().withSession { session in
      try session.execute("BEGIN; SET LOCAL ROLE verifier_app", operation: "become application")
      defer { _ = try? session.execute("ROLLBACK", operation: "roll back") }
      do {
        try session.query(sql, operation: "as application")
        return nil
      } catch let error as PGError {
        return error
      }
    }
  }

  @Test("the application role inserts jobs and submissions and reads outcomes, prompts and events")
  func applicationCan() async throws {
    try await TestDatabase.with { database in
      for sql in [
        """
        INSERT INTO verifier.jobs (provider, customer_id, receiver_name, routing_number, account_number, account_type, external_ref)
        VALUES ('finicity', 'c1', 'Jane', '\(Sample.routing)', '123456789', 'personalChecking', 'order-1')
        """,
        "SELECT verifier.enqueue_folio('F1', 'BL1', 'owner-1', 'order-2')",
        "SELECT verifier.enqueue_finicity('c2', 'Joe', '\(Sample.routing)', '55554444', 'businessSavings')",
        "SELECT id, state, outcome, provider_code, provider_message, account_last4, finished_at FROM verifier.jobs",
        "SELECT * FROM verifier.prompts",
        "SELECT * FROM verifier.events",
        "SELECT * FROM verifier.amount_submissions",
      ] {
        let error = try await Self.asApplication(database, sql)
        #expect(error == nil, "\(sql): \(String(describing: error))")
      }
    }
  }

  @Test(
    "the application role cannot read full account numbers or change daemon-owned columns",
    arguments: [
      "SELECT account_number FROM verifier.jobs",
      "SELECT account_key FROM verifier.jobs",
      "SELECT * FROM verifier.jobs",
      "UPDATE verifier.jobs SET state = 'verified'",
      "UPDATE verifier.jobs SET run_at = now()",
      "DELETE FROM verifier.jobs",
      """
      INSERT INTO verifier.jobs (provider, folio_account_number, bank_link_oid, owner_login_id, state)
      VALUES ('folio', 'F9', 'BL9', 'o', 'verified')
      """,
      "UPDATE verifier.amount_submissions SET status = 'verified'",
      "INSERT INTO verifier.events (job_id, kind) VALUES (1, 'forged')",
      "UPDATE verifier.prompts SET due_at = now()",
      "UPDATE verifier.settings SET notify_wakeups = false",
      "SELECT verifier.release(1)",
      "UPDATE verifier.jobs SET policy_released_at = now()",
    ])
  func applicationCannot(_ sql: String) async throws {
    try await TestDatabase.with { database in
      try await Sample.insertFinicityJobs(1, into: database)
      let error = try await Self.asApplication(database, sql)
      #expect(error?.sqlState == "42501", "\(sql) must be refused: \(String(describing: error))")
    }
  }

  @Test("claiming reads live jobs through the partial index, not the finished history")
  func hotQueryUsesPartialIndex() async throws {
    try await TestDatabase.with { database in
      try await Sample.insertFinicityJobs(5_000, into: database)
      try await database.run(
        "UPDATE verifier.jobs SET state = 'verified', outcome = 'verified', finished_at = now() WHERE id > 50"
      )
      try await database.run("ANALYZE verifier.jobs")
      let plan = try await database.run(
        """
        EXPLAIN (FORMAT JSON)
        SELECT id FROM verifier.jobs WHERE finished_at IS NULL AND run_at <= now() ORDER BY run_at LIMIT 100
        FOR UPDATE SKIP LOCKED
        """)[0].decode("QUERY PLAN", as: String.self)
      #expect(plan.contains("\"Index Name\": \"jobs_due\""), "plan: \(plan)")
      let definition = try await database.run(
        "SELECT indexdef FROM pg_indexes WHERE schemaname = 'verifier' AND indexname = 'jobs_due'")[
          0
        ]
        .decode("indexdef", as: String.self)
      #expect(definition.contains("WHERE (finished_at IS NULL)"))
    }
  }
}
