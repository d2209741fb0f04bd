import Foundation
import JobQueue
import TestSupport
import Testing
import Verification

@Suite("verifierd webhooks: status, replay and prune")
struct WebhooksCommandTests {
  static func run(_ database: TestDatabase, _ arguments: [String]) throws -> ChildProcess.Result {
    try OperatorCommandTests.verifierd(database, ["webhooks"] + arguments)
  }

  /// Two endpoints' deliveries: `app` has one delivered, one dead, two pending (one failing, an
  /// hour old); `crm` one pending.
  static func seed(_ database: TestDatabase) async throws {
    try await database.run(
      """
      INSERT INTO verifier.outbox (event_id, endpoint, job_id, sequence, type, provider, data,
                                   status, last_error, created_at)
      VALUES ('00000000-0000-0000-0000-000000000001', 'app', 1, 1, 'verification.initiated',
              'finicity', '{}', 'delivered', NULL, now() - interval '40 days'),
             ('00000000-0000-0000-0000-000000000002', 'app', 1, 2, 'verification.finished',
              'finicity', '{}', 'dead', 'HTTP 410, which is not retried', now() - interval '40 days'),
             ('00000000-0000-0000-0000-000000000003', 'app', 2, 1, 'verification.initiated',
              'finicity', '{}', 'pending', 'HTTP 503', now() - interval '1 hour'),
             ('00000000-0000-0000-0000-000000000004', 'app', 3, 1, 'verification.initiated',
              'finicity', '{}', 'pending', NULL, now()),
             ('00000000-0000-0000-0000-000000000005', 'crm', 3, 1, 'verification.initiated',
              'finicity', '{}', 'pending', NULL, now() - interval '40 days')
      """)
  }

  @Test("status: per endpoint pending, oldest, failing, dead and delivered")
  func status() async throws {
    try await TestDatabase.with { database in
      try await Self.seed(database)
      let result = try Self.run(database, ["status", "--json"])
      #expect(result.status == 0, "\(result.errors)")
      let endpoints = try JSONDecoder().decode(
        [OutboxAdmin.EndpointStatus].self, from: Data(result.output.utf8))
      #expect(endpoints.map(\.endpoint) == ["app", "crm"])
      #expect(endpoints[0].pending == 2 && endpoints[0].failing == 1)
      #expect(endpoints[0].dead == 1 && endpoints[0].delivered == 1)
      #expect(endpoints[0].oldestPendingSeconds >= 3599 && endpoints[0].oldestPendingSeconds < 7200)
      let table = try Self.run(database, ["status"])
      #expect(table.status == 0)
      #expect(table.output.contains("endpoint  pending  oldest"))
    }
  }

  @Test("replay: one event by id, or everything since an age, with the same ids; pending untouched")
  func replay() async throws {
    try await TestDatabase.with { database in
      try await Self.seed(database)
      let one = try Self.run(
        database, ["replay", "--event", "00000000-0000-0000-0000-000000000002"])
      #expect(one.status == 0, "\(one.errors)")
      #expect(one.output.contains("1 deliveries due again"))
      let row = try await database.run(
        """
        SELECT status, attempts, last_error FROM verifier.outbox
         WHERE event_id = '00000000-0000-0000-0000-000000000002'
        """)[0]
      #expect(try row.decode("status", as: String.self) == "pending")
      #expect(try row.decodeIfPresent("last_error", as: String.self) == nil)
      let since = try Self.run(database, ["replay", "--since", "50d", "--endpoint", "app"])
      #expect(since.output.contains("1 deliveries due again"), "only the delivered one is left")
      let bad = try Self.run(database, ["replay"])
      #expect(bad.status == 64)
      #expect(bad.errors.contains("give exactly one of --event and --since"))
    }
  }

  @Test("prune: delivered and dead deliveries older than the age; pending ones stay")
  func prune() async throws {
    try await TestDatabase.with { database in
      try await Self.seed(database)
      let dry = try Self.run(database, ["prune", "--older-than", "30d", "--dry-run"])
      #expect(dry.output.contains("would delete 2 deliveries"), "\(dry.output)")
      let done = try Self.run(database, ["prune", "--older-than", "30d"])
      #expect(done.output.contains("deleted 2 deliveries"))
      let left = try await database.run("SELECT count(*) AS n FROM verifier.outbox")
      #expect(try left[0].decode("n", as: Int.self) == 3)
    }
  }
}
