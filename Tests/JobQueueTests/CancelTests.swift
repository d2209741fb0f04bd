import Foundation
import JobQueue
import TestSupport
import Testing

@Suite("verifier.cancel", .timeLimit(.minutes(1)))
struct CancelTests {
  @Test("cancelling settles open submissions, cancels prompts and announces the finish")
  func cancelSettles() async throws {
    try await TestDatabase.with { database in
      try await database.run(
        "SELECT verifier.enqueue_folio('F-1', 'BL-1', 'owner-1', 'order-9')")
      try await database.run("SELECT verifier.submit_amounts(1, 0.10, 0.20)")
      try await database.run("SELECT verifier.submit_amounts(1, 0.30, 0.40)")
      try await database.run(
        "UPDATE verifier.amount_submissions SET status = 'submitting' WHERE id = 1")
      try await database.run(
        "INSERT INTO verifier.prompts (job_id, kind, due_at) VALUES (1, 'reminder', now() + interval '1 day')"
      )
      let recorder = EventRecorder()
      let listener = PGListener(
        configuration: database.configuration, channels: ["verifier_finished"]
      ) {
        recorder.record($0)
      }
      try await listener.start()
      #expect(
        try await database.run("SELECT verifier.cancel(1) AS ok")[0].decode("ok", as: Bool.self))
      await recorder.waitForNotification(on: "verifier_finished")
      let payload = try #require(recorder.notifications(on: "verifier_finished").first?.payload)
      #expect(payload.contains("\"job_id\" : 1"))
      #expect(payload.contains("\"outcome\" : \"canceled\""))
      #expect(payload.contains("\"external_ref\" : \"order-9\""))
      let submissions = try await database.run(
        "SELECT status, reason, processed_at IS NOT NULL AS done FROM verifier.amount_submissions ORDER BY id"
      )
      #expect(
        try submissions.rows.map { try $0.decode("status", as: String.self) } == [
          "error", "refused",
        ])
      #expect(try submissions.rows.allSatisfy { try $0.decode("done", as: Bool.self) })
      let prompt = try await database.run("SELECT status FROM verifier.prompts")
      #expect(try prompt[0].decode("status", as: String.self) == "canceled")
      // A finished job cannot be cancelled again, and says so.
      #expect(
        try await database.run("SELECT verifier.cancel(1) AS ok")[0].decode("ok", as: Bool.self)
          == false)
      await listener.stop()
    }
  }
}
