import Foundation
import JobQueue
import TestSupport
import Testing
import Verification

@Suite("verifier.cancel", .timeLimit(.minutes(1)))
struct CancelTests {
  @Test(
    "cancelling records the request, makes the job due and wakes the daemons; it finishes nothing")
  func cancelRequests() async throws {
    try await TestDatabase.with { database in
      try await database.run(
        "SELECT verifier.enqueue_folio('F-1', 'BL-1', 'owner-1', 'order-9')")
      try await database.run("UPDATE verifier.jobs SET run_at = now() + interval '1 day'")
      try await database.run("SELECT verifier.submit_amounts(1, 0.10, 0.20)")
      let recorder = EventRecorder()
      let listener = PGListener(
        configuration: database.configuration, channels: ["verifier_jobs"]
      ) {
        recorder.record($0)
      }
      try await listener.start()
      #expect(
        try await database.run("SELECT verifier.cancel(1) AS ok")[0].decode("ok", as: Bool.self))
      await recorder.waitForNotification(on: "verifier_jobs")
      #expect(recorder.notifications(on: "verifier_jobs").contains { $0.payload == "cancel" })
      let job = try await database.run(
        """
        SELECT state, finished_at IS NULL AS live, cancel_requested_at IS NOT NULL AS requested,
               run_at <= now() AS due
          FROM verifier.jobs
        """)[0]
      #expect(try job.decode("state", as: String.self) == "queued")
      #expect(try job.decode("live", as: Bool.self))
      #expect(try job.decode("requested", as: Bool.self))
      #expect(try job.decode("due", as: Bool.self))
      let submission = try await database.run("SELECT status FROM verifier.amount_submissions")
      #expect(try submission[0].decode("status", as: String.self) == "pending")
      let event = try await database.run("SELECT kind FROM verifier.events")
      #expect(try event.rows.map { try $0.decode("kind", as: String.self) } == ["cancel_requested"])
      await listener.stop()
    }
  }

  @Test("a finished or leased job cannot be cancelled, and says so")
  func refusals() async throws {
    try await TestDatabase.with { database in
      try await Sample.insertFinicityJobs(2, into: database)
      try await database.run(
        "UPDATE verifier.jobs SET state = 'verified', outcome = 'verified', finished_at = now() WHERE id = 1"
      )
      try await database.run(
        """
        UPDATE verifier.jobs SET lease_owner = 'd', lease_token = gen_random_uuid(),
               lease_expires_at = now() + interval '1 minute' WHERE id = 2
        """)
      for id in [1, 2] {
        #expect(
          try await database.run("SELECT verifier.cancel($1) AS ok", [id])[0].decode(
            "ok", as: Bool.self) == false)
      }
      let requested = try await database.run(
        "SELECT count(*) AS n FROM verifier.jobs WHERE cancel_requested_at IS NOT NULL")
      #expect(try requested[0].decode("n", as: Int.self) == 0)
    }
  }

  @Test("a finished job must have an outcome equal to its state; a live one none")
  func finishedRule() async throws {
    try await TestDatabase.with { database in
      try await Sample.insertFinicityJobs(1, into: database)
      for update in [
        "UPDATE verifier.jobs SET state = 'verified', finished_at = now()",
        "UPDATE verifier.jobs SET state = 'verified', outcome = 'expired', finished_at = now()",
        "UPDATE verifier.jobs SET outcome = 'verified'",
      ] {
        await #expect(throws: PGError.self) { try await database.run(update) }
      }
    }
  }

  @Test("the table accepts exactly the domain's states, finished exactly when the domain says")
  func statesMatchTheDomain() async throws {
    try await TestDatabase.with { database in
      try await Sample.insertFinicityJobs(1, into: database)
      for state in JobState.allCases {
        let finished = state.isTerminal
        try await database.run(
          """
          UPDATE verifier.jobs SET state = $1, outcome = CASE WHEN $2 THEN $1 END,
                 finished_at = CASE WHEN $2 THEN now() END
          """, [state.rawValue, finished])
      }
      await #expect(throws: PGError.self) {
        try await database.run(
          "UPDATE verifier.jobs SET state = 'paused', outcome = NULL, finished_at = NULL")
      }
    }
  }
}
