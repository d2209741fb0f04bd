import Foundation
import JobQueue
import TestSupport
import Testing

@Suite("LISTEN/NOTIFY wake-ups", .timeLimit(.minutes(1)))
struct ListenerTests {
  @Test("an INSERT from a separate plain connection wakes a listening connection")
  func insertWakesListener() async throws {
    try await TestDatabase.with { database in
      let recorder = EventRecorder()
      let listener = PGListener(configuration: database.configuration, channels: ["verifier_jobs"])
      {
        recorder.record($0)
      }
      try await listener.start()
      try await Sample.insertFinicityJobs(1, into: database)
      await recorder.waitForNotification(on: "verifier_jobs")
      #expect(recorder.notifications(on: "verifier_jobs").first?.payload == "jobs")
      await listener.stop()
    }
  }

  @Test("one NOTIFY per inserting statement, not per row; none when wake-ups are switched off")
  func oneNotificationPerStatement() async throws {
    try await TestDatabase.with { database in
      let recorder = EventRecorder()
      let listener = PGListener(
        configuration: database.configuration, channels: ["verifier_jobs", "test_fence"]
      ) {
        recorder.record($0)
      }
      try await listener.start()
      try await Sample.insertFinicityJobs(250, into: database, prefix: "a")
      // Notifications arrive in commit order: once the fence arrives, the insert's have too.
      try await database.run("NOTIFY test_fence, 'one'")
      await recorder.wait { Self.fenced($0, "one") }
      #expect(recorder.notifications(on: "verifier_jobs").count == 1)

      try await database.run("UPDATE verifier.settings SET notify_wakeups = false")
      try await Sample.insertFinicityJobs(10, into: database, prefix: "b")
      try await database.run("NOTIFY test_fence, 'two'")
      await recorder.wait { Self.fenced($0, "two") }
      #expect(recorder.notifications(on: "verifier_jobs").count == 1)
      await listener.stop()
    }
  }

  @Test("the wake-up trigger runs once for a 500-row insert")
  func triggerRunsOncePerStatement() async throws {
    try await TestDatabase.with { database in
      let calls = try await database.connect().withTransaction { session in
        // PostgreSQL folds identical notifications within a transaction, so count trigger calls.
        try session.query("SET LOCAL track_functions = 'pl'", operation: "track")
        try session.query(
          """
          INSERT INTO verifier.jobs (provider, folio_account_number, bank_link_oid, owner_login_id)
          SELECT 'folio', 'F' || g, 'BL' || g, 'owner' FROM generate_series(1, 500) AS g
          """, operation: "insert")
        return try session.query(
          "SELECT pg_stat_get_xact_function_calls('verifier.notify_wakeup'::regproc) AS calls",
          operation: "count calls")[0].decode("calls", as: Int.self)
      }
      #expect(calls == 1)
    }
  }

  static func fenced(_ events: [PGListener.Signal], _ payload: String) -> Bool {
    events.contains {
      if case .notification(let note) = $0 {
        return note.channel == "test_fence" && note.payload == payload
      }
      return false
    }
  }

  @Test("an amount submission wakes the daemon too")
  func submissionWakes() async throws {
    try await TestDatabase.with { database in
      try await Sample.insertFinicityJobs(1, into: database)
      let recorder = EventRecorder()
      let listener = PGListener(configuration: database.configuration, channels: ["verifier_jobs"])
      {
        recorder.record($0)
      }
      try await listener.start()
      try await database.run("SELECT verifier.submit_amounts(1, 0.12, 0.34)")
      await recorder.waitForNotification(on: "verifier_jobs")
      #expect(recorder.notifications(on: "verifier_jobs").map(\.payload) == ["amount_submissions"])
      await listener.stop()
    }
  }
}
