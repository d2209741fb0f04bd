import Foundation
import JobQueue
import TestSupport
import Testing
import VerifierRuntime

/// Rows no insert should let in (written here with the tables' triggers switched off, as rows
/// from before a contract rule, a superuser or a restored dump would be) beside many good jobs:
/// each poisoned row ends in a clear, recorded state of its own, and every good job finishes.
@Suite("Poison rows: one bad row never holds up anyone else", .serialized)
struct PoisonRowTests {
  /// Amounts the contract refuses at insert; each must be refused on its own by the daemon.
  static let badAmounts = [
    "'[0:1]={0.12,0.34}'", "'{{0.12,0.34},{0.01,0.02}}'", "'{0.12,NULL}'", "'{NaN,0.34}'",
    "'{0.12}'", "'{0.12,0.34,0.56}'", "'{}'",
  ]
  /// Job columns that do not read, as `column = value`; each job must be parked, naming it.
  static let badJobs: [(column: String, set: String)] = [
    ("data", "data = '{\"accountMayExist\": \"yes\"}'"), ("data", "data = '[]'"),
    ("routing_number", "routing_number = NULL"), ("receiver_name", "receiver_name = NULL"),
    ("customer_id", "customer_id = NULL"),
  ]

  @Test("200 good jobs beside every poison shape: the good verify, the bad are set aside")
  func poisonBesideGoodJobs() async throws {
    try await withStack { stack in
      var good: [Int64] = []
      for index in 0..<200 {
        good.append(
          try await stack.insertFinicity(
            account: String(77_710_008 + index * 10), customer: "10050\(61_000 + index)",
            ref: "right"))
      }
      // The jobs go in through the contract; only the poison itself bypasses the triggers.
      var withBadAmounts: [Int64] = []
      for index in Self.badAmounts.indices {
        withBadAmounts.append(
          try await stack.insertFinicity(
            account: String(77_720_008 + index * 10), customer: "20050\(61_000 + index)",
            ref: "right"))
      }
      var parked: [(id: Int64, column: String)] = []
      for (index, bad) in Self.badJobs.enumerated() {
        parked.append(
          (
            try await stack.insertFinicity(
              account: String(77_730_008 + index * 10), customer: "30050\(61_000 + index)",
              ref: "right"),
            bad.column
          ))
      }
      good += withBadAmounts
      var poisonedSubmissions: [Int64] = []
      try await stack.database.run("ALTER TABLE verifier.amount_submissions DISABLE TRIGGER USER")
      try await stack.database.run("ALTER TABLE verifier.jobs DISABLE TRIGGER USER")
      for (job, amounts) in zip(withBadAmounts, Self.badAmounts) {
        let row = try await stack.database.run(
          "INSERT INTO verifier.amount_submissions (job_id, amounts) VALUES (\(job), \(amounts)) RETURNING id"
        )
        poisonedSubmissions.append(try row[0].decode("id"))
      }
      for (job, bad) in zip(parked, Self.badJobs) {
        try await stack.database.run("UPDATE verifier.jobs SET \(bad.set) WHERE id = \(job.id)")
      }
      try await stack.database.run("ALTER TABLE verifier.jobs ENABLE TRIGGER USER")
      try await stack.database.run("ALTER TABLE verifier.amount_submissions ENABLE TRIGGER USER")

      let customer = try await Customer.start(stack)
      // 207 customers answer through one player while the whole suite runs in parallel: on a
      // loaded machine the last answers came 23 s after their prompt, past the stack's 15-s
      // expiry. Nothing here is about expiry, so it is long enough never to decide.
      var configuration = stack.configuration()
      configuration.verification.finicity.expiry = .seconds(600)
      try await withRuntime(configuration) { _ in
        try await stack.waitUntilFinished(good, within: .seconds(120))
        try await stack.waitFor("every poisoned job parked") {
          let alerts = try await stack.database.run(
            "SELECT count(DISTINCT job_id) AS n FROM verifier.events WHERE kind = 'alert' AND job_id = ANY($1::bigint[])",
            [PGArray(parked.map(\.id))])
          return try alerts[0].decode("n", as: Int.self) == parked.count
        }
      }
      await customer.stop()
      #expect(customer.failures.isEmpty)
      for id in good {
        let job = try await stack.job(id)
        if job.state != "verified" {
          let timeline = try await stack.timeline(id)
          Issue.record("job \(id) ended \(job.state):\n\(timeline)")
        }
      }
      let submissions = try await stack.database.run(
        "SELECT status, reason FROM verifier.amount_submissions WHERE id = ANY($1::bigint[])",
        [PGArray(poisonedSubmissions)])
      #expect(submissions.rows.count == Self.badAmounts.count)
      for row in submissions.rows {
        #expect(try row.decode("status", as: String.self) == "refused")
        #expect(try row.decodeIfPresent("reason", as: String.self)?.isEmpty == false)
      }
      for job in parked {
        let rows = try await stack.database.run(
          """
          SELECT j.state, j.run_at > now() + interval '50 minutes' AS later, e.message
            FROM verifier.jobs j JOIN verifier.events e ON e.job_id = j.id AND e.kind = 'alert'
           WHERE j.id = $1
          """, [job.id])
        #expect(try rows[0].decode("state", as: String.self) == "queued")
        #expect(try rows[0].decode("later", as: Bool.self))
        let message: String = try rows[0].decode("message")
        #expect(message.contains(job.column), "job \(job.id): \(message)")
      }
      // Nothing was sent for a parked job: one initiation per good job, none more.
      #expect(try await stack.counter("finicityInitiateRequests") == good.count)
    }
  }
}
