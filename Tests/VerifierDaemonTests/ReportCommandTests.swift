import Foundation
import JobQueue
import TestSupport
import Testing

@Suite("verifierd report micro-entries and jobs release")
struct ReportCommandTests {
  /// Four Finicity jobs' histories over two UTC days and one Folio start: on 2026-11-02 three
  /// initiations, one returned, one verified after a wrong answer, one held; on 2026-11-03 one
  /// initiation that expired, one refused, one Folio start.
  static func seed(_ database: TestDatabase) async throws {
    try await Sample.insertFinicityJobs(4, into: database, prefix: "audit")
    try await database.run(
      """
      INSERT INTO verifier.events (job_id, at, kind, from_state, to_state, provider)
      SELECT (SELECT min(id) FROM verifier.jobs) + j, at::timestamptz, 'state_change', f, t, p
        FROM (VALUES
          (0, '2026-11-02 01:00Z', 'initiating', 'pending', 'finicity'),
          (0, '2026-11-02 05:00Z', 'pending', 'returned', 'finicity'),
          (1, '2026-11-02 02:00Z', 'initiating', 'pending', 'finicity'),
          (1, '2026-11-02 09:00Z', 'verifying', 'verified', 'finicity'),
          (2, '2026-11-02 23:59Z', 'initiating', 'pending', 'finicity'),
          (2, '2026-11-03 00:01Z', 'queued', 'held', 'finicity'),
          (3, '2026-11-03 10:00Z', 'initiating', 'pending', 'finicity'),
          (3, '2026-11-03 11:00Z', 'awaiting_amounts', 'expired', 'finicity'),
          (3, '2026-11-03 12:00Z', 'queued', 'refused_by_policy', 'finicity'),
          (3, '2026-11-03 13:00Z', 'queued', 'awaiting_amounts', 'folio'),
          (3, '2026-11-04 00:00Z', 'initiating', 'pending', 'finicity')
        ) AS v(j, at, f, t, p)
      """)
    try await database.run(
      """
      INSERT INTO verifier.amount_submissions (job_id, amounts)
      SELECT min(id) + 1, ARRAY[0.01, 0.02] FROM verifier.jobs
      """)
    try await database.run(
      "UPDATE verifier.amount_submissions SET status = 'mismatch', processed_at = '2026-11-02 08:00Z'"
    )
  }

  @Test("per provider and UTC day, as CSV, JSON and a table; --to is included, the next day not")
  func report() async throws {
    try await TestDatabase.with { database in
      try await Self.seed(database)
      let csv = try OperatorCommandTests.verifierd(
        database,
        ["report", "micro-entries", "--from", "2026-11-01", "--to", "2026-11-03", "--csv"])
      #expect(csv.status == 0, "\(csv.errors)")
      #expect(
        csv.output.split(separator: "\n") == [
          "day,provider,initiations,returns,verified,failed_attempts,expired,held,refused",
          "2026-11-02,finicity,3,1,1,1,0,0,0",
          "2026-11-03,finicity,1,0,0,0,1,1,1",
          "2026-11-03,folio,1,0,0,0,0,0,0",
        ])
      let json = try OperatorCommandTests.verifierd(
        database,
        ["report", "micro-entries", "--from", "2026-11-03", "--to", "2026-11-03", "--json"])
      #expect(json.status == 0, "\(json.errors)")
      let days = try JSONDecoder().decode([MicroEntryDay].self, from: Data(json.output.utf8))
      #expect(days.map(\.provider) == ["finicity", "folio"])
      #expect(json.output.contains("\"failed_attempts\""))
      let table = try OperatorCommandTests.verifierd(
        database, ["report", "micro-entries", "--from", "2026-10-01", "--to", "2026-10-02"])
      #expect(table.status == 0)
      #expect(table.output.contains("no micro-entries from 2026-10-01 to 2026-10-02"))
    }
  }

  @Test("bad days and contradictory flags are refused with exit 64")
  func badArguments() async throws {
    try await TestDatabase.with { database in
      for arguments in [
        ["--from", "2026-11-3", "--to", "2026-11-04"],
        ["--from", "2026-11-05", "--to", "2026-11-04"],
        ["--from", "2026-11-01", "--to", "2026-11-04", "--json", "--csv"],
      ] {
        let result = try OperatorCommandTests.verifierd(
          database, ["report", "micro-entries"] + arguments)
        #expect(result.status == 64, "\(arguments): \(result.errors)")
      }
    }
  }

  @Test("jobs release: a missing job is 66, a job no rule held is 1 and says so")
  func release() async throws {
    try await TestDatabase.with { database in
      try await Sample.insertFinicityJobs(1, into: database, prefix: "rel")
      let id: Int64 = try await database.run("SELECT min(id) AS id FROM verifier.jobs")[0].decode(
        "id")
      let missing = try OperatorCommandTests.verifierd(database, ["jobs", "release", "999999"])
      #expect(missing.status == 66)
      let queued = try OperatorCommandTests.verifierd(database, ["jobs", "release", "\(id)"])
      #expect(queued.status == 1)
      #expect(queued.errors.contains("not held by a fraud rule (state queued)"))
    }
  }
}
