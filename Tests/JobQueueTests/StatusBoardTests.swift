import Foundation
import JobQueue
import TestSupport
import Testing
import Verification

/// The status page's board read from a real database.
@Suite("Status board")
struct StatusBoardTests {
  @Test("an empty queue: every hour of the day present, nothing counted, no alert")
  func empty() async throws {
    try await TestDatabase.with { database in
      let connection = database.connect()
      let board = try await JobAdmin(connection: connection).statusBoard()
      await connection.close()
      #expect(board.hours.count == 25)
      #expect(board.hours.first!.start <= board.since && board.hours.last!.start <= board.readAt)
      #expect(board.hours.allSatisfy { $0.enqueued == 0 && $0.calls == 0 && $0.outcomes.isEmpty })
      #expect(board.funnel.steps.map(\.reached) == [0, 0, 0, 0])
      #expect(board.alerts.isEmpty && board.alertsLeftOff.isEmpty && board.overdue == 0)
    }
  }

  @Test("queued and overdue jobs, and dead deliveries beyond the limit counted, not listed")
  func countsAndLimits() async throws {
    try await TestDatabase.with { database in
      try await Sample.insertFinicityJobs(3, into: database)
      try await database.run(
        "UPDATE verifier.jobs SET run_at = now() - interval '5 minutes' WHERE id = (SELECT min(id) FROM verifier.jobs)"
      )
      let dead = StatusBoard.alertLimit + 2
      try await database.run(
        """
        INSERT INTO verifier.outbox (event_id, endpoint, job_id, sequence, type, provider, data,
                                     status, attempts, last_error)
        SELECT gen_random_uuid(), 'crm', (SELECT min(id) FROM verifier.jobs), g,
               'verification.initiated', 'finicity', '{}', 'dead', 12, 'HTTP 500'
          FROM generate_series(1, $1::int) AS g
        """, [dead])
      let connection = database.connect()
      let board = try await JobAdmin(connection: connection).statusBoard()
      await connection.close()
      #expect(board.funnel.steps[0].reached == 3)
      #expect(board.funnel.steps[0].stopped.map(\.fate) == ["still queued"])
      #expect(board.hours.reduce(0) { $0 + $1.enqueued } == 3)
      #expect(board.queue.dueNow == 3)
      #expect(board.overdue == 1)
      let listed = board.alerts.filter { $0.kind == .deadWebhook }
      #expect(listed.count == StatusBoard.alertLimit)
      #expect(board.alertsLeftOff == [.deadWebhook: 2])
      #expect(listed.allSatisfy { $0.live && $0.subject == "crm" })
      #expect(listed.first!.detail == "verification.initiated after 12 attempts: HTTP 500")
      #expect(board.webhooks.map(\.dead) == [dead])
    }
  }

  @Test("how far each job went, calls by what they met, and a dead delivery's alert not as parked")
  func reachCallsAndAlerts() async throws {
    try await TestDatabase.with { database in
      try await Sample.insertFinicityJobs(3, into: database)
      let ids: [Int64] = try await database.run("SELECT id FROM verifier.jobs ORDER BY id").rows
        .map { try $0.decode("id") }
      // The first job settled, the second was initiated only, the third never left the queue.
      let changes = [
        (ids[0], "initiating", "pending"), (ids[0], "pending", "awaiting_amounts"),
        (ids[1], "initiating", "pending"),
      ]
      for (id, from, to) in changes {
        try await database.run(
          """
          INSERT INTO verifier.events (job_id, kind, from_state, to_state, provider)
          VALUES ($1, 'state_change', $2, $3, 'finicity')
          """, [id, from, to])
      }
      let calls = [
        CallSummary.success, CallSummary.success,
        CallSummary.retryLater + RetryReason.rateLimited.description,
        CallSummary.retryLater + RetryReason.throttled(code: "10002").description,
        CallSummary.retryLater + RetryReason.serverError(status: 503).description,
        CallSummary.permanentFailure + "declined",
      ]
      for message in calls {
        try await database.run(
          """
          INSERT INTO verifier.events (job_id, kind, provider, endpoint, message)
          VALUES ($1, 'provider_call', 'finicity', 'details', $2)
          """, [ids[1], message])
      }
      // A delivery given up on writes its alert as OutboxStore does; a parked job writes its own.
      try await database.run(
        """
        INSERT INTO verifier.events (job_id, kind, instance, message)
        VALUES ($1, 'alert', 'd1', $2)
        """,
        [ids[0], OutboxStore.deadAlertPrefix + "verification.initiated to crm is dead: HTTP 500"])
      try await database.run(
        """
        INSERT INTO verifier.events (job_id, kind, from_state, to_state, instance, message)
        VALUES ($1, 'alert', 'queued', 'queued', 'd1', 'parked for an hour')
        """, [ids[2]])
      let connection = database.connect()
      let board = try await JobAdmin(connection: connection).statusBoard()
      await connection.close()
      #expect(board.funnel.steps.map(\.reached) == [3, 2, 1, 0])
      #expect(board.funnel.steps[0].stopped.map(\.fate) == ["still queued"])
      #expect(board.hours.reduce(0) { $0 + $1.calls } == 6)
      #expect(board.hours.reduce(0) { $0 + $1.throttled } == 2)
      #expect(board.hours.reduce(0) { $0 + $1.errors } == 2)
      let parked = board.alerts.filter { $0.kind == .parked }
      #expect(parked.map(\.jobID) == [ids[2]])
      #expect(parked.first?.detail == "parked for an hour")
    }
  }
}
