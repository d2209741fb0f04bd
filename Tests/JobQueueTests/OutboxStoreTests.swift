import Foundation
import JobQueue
import TestSupport
import Testing
import Verification

@Suite("the webhook outbox: claims in order per job, leases, completions")
struct OutboxStoreTests {
  /// Appends an outbox row for `endpoint` as the write-back would; returns its id.
  @discardableResult
  static func append(
    _ database: TestDatabase, job: Int64, sequence: Int, endpoint: String = "app",
    type: WebhookEventType = .finished
  ) async throws -> Int64 {
    try await database.run(
      """
      INSERT INTO verifier.outbox (event_id, endpoint, job_id, sequence, type, provider, data)
      VALUES (gen_random_uuid(), $1, $2, $3, $4, 'finicity', '{"state": "verified"}')
      RETURNING id
      """, [endpoint, job, sequence, type.rawValue])[0].decode("id")
  }

  static func completion(
    _ delivery: OutboxDelivery, _ status: OutboxCompletion.Status,
    after: Duration = .seconds(3600)
  ) -> OutboxCompletion {
    OutboxCompletion(delivery: delivery, status: status, retryAfter: after, error: "HTTP 503")
  }

  @Test("a job's later event waits while an earlier one is pending; other jobs never wait")
  func orderPerJob() async throws {
    try await TestDatabase.with { database in
      let store = OutboxStore(connection: database.connect(), instance: "a")
      let first = try await Self.append(database, job: 1, sequence: 1)
      let second = try await Self.append(database, job: 1, sequence: 2)
      let other = try await Self.append(database, job: 2, sequence: 1)
      let elsewhere = try await Self.append(database, job: 1, sequence: 1, endpoint: "crm")

      let claimed = try await store.claim(
        endpoints: ["app"], limit: 10, leaseDuration: .seconds(60))
      #expect(Set(claimed.map(\.id)) == [first, other], "job 1's second event waits")
      #expect(claimed.allSatisfy { $0.attempts == 1 })
      // While the first is in flight, nothing else of job 1 is due; another endpoint's copy is.
      #expect(
        try await store.claim(endpoints: ["app"], limit: 10, leaseDuration: .seconds(60))
          .isEmpty)
      #expect(
        try await store.claim(endpoints: ["crm"], limit: 10, leaseDuration: .seconds(60))
          .map(\.id) == [elsewhere])

      // Retried later: still pending, so the second still waits.
      let firstClaim = try #require(claimed.first { $0.id == first })
      #expect(try await store.complete([Self.completion(firstClaim, .pending)]).ids == [first])
      #expect(
        try await store.claim(endpoints: ["app"], limit: 10, leaseDuration: .seconds(60))
          .isEmpty)

      // Dead does not hold the job's later events back.
      let otherClaim = try #require(claimed.first { $0.id == other })
      let alone = try await store.complete([Self.completion(otherClaim, .delivered)])
      #expect(!alone.unblocked, "job 2 has no later event")
      try await database.run(
        "UPDATE verifier.outbox SET next_attempt_at = now() WHERE id = $1", [first])
      let again = try await store.claim(endpoints: ["app"], limit: 10, leaseDuration: .seconds(60))
      #expect(again.map(\.id) == [first])
      #expect(again.first?.attempts == 2)
      #expect(again.first?.eventID == firstClaim.eventID, "the same event id on every attempt")
      #expect(again.first?.body == firstClaim.body, "the same body on every attempt")
      let settled = try await store.complete([Self.completion(try #require(again.first), .dead)])
      #expect(settled.unblocked, "job 1's second event is due now")
      #expect(
        try await store.claim(endpoints: ["app"], limit: 10, leaseDuration: .seconds(60))
          .map(\.id) == [second])
    }
  }

  @Test("four daemons claiming at once take every delivery exactly once, each job's in sequence")
  func concurrentClaimers() async throws {
    try await TestDatabase.with { database in
      // 500 jobs with 4 events each.
      try await database.run(
        """
        INSERT INTO verifier.outbox (event_id, endpoint, job_id, sequence, type, provider, data)
        SELECT gen_random_uuid(), 'app', j, s, 'verification.finished', 'finicity', '{}'
          FROM generate_series(1, 500) AS j, generate_series(1, 4) AS s
        """)
      let claimed = try await withThrowingTaskGroup(of: [OutboxDelivery].self) { group in
        for daemon in 0..<4 {
          group.addTask {
            let store = OutboxStore(connection: database.connect(), instance: "d\(daemon)")
            var mine: [OutboxDelivery] = []
            var idle = 0
            // Claim and acknowledge until nothing is due several times over (a job's next
            // event is due only once another daemon acknowledged the one before).
            while idle < 20 {
              let batch = try await store.claim(
                endpoints: ["app"], limit: 25, leaseDuration: .seconds(60))
              idle = batch.isEmpty ? idle + 1 : 0
              try await store.complete(batch.map { Self.completion($0, .delivered) })
              mine += batch
            }
            return mine
          }
        }
        return try await group.reduce(into: [OutboxDelivery]()) { $0 += $1 }
      }
      #expect(claimed.count == 2000)
      #expect(Set(claimed.map(\.id)).count == 2000, "no delivery claimed twice")
      #expect(claimed.allSatisfy { $0.attempts == 1 })
      let undelivered = try await database.run(
        "SELECT count(*) AS n FROM verifier.outbox WHERE status <> 'delivered'")
      #expect(try undelivered[0].decode("n", as: Int.self) == 0)
      // In sequence: no event was claimed before the one before it was acknowledged.
      let early = try await database.run(
        """
        SELECT count(*) AS n FROM verifier.outbox AS later JOIN verifier.outbox AS earlier
            ON earlier.job_id = later.job_id AND earlier.sequence = later.sequence - 1
         WHERE later.last_attempt_at < earlier.delivered_at
        """)
      #expect(try early[0].decode("n", as: Int.self) == 0)
    }
  }

  @Test("an abandoned delivery is due again when its lease runs out; the old lease writes nothing")
  func abandonedLease() async throws {
    try await TestDatabase.with { database in
      let crashed = OutboxStore(connection: database.connect(), instance: "crashed")
      let rescuer = OutboxStore(connection: database.connect(), instance: "rescuer")
      try await Self.append(database, job: 1, sequence: 1)
      // A lease of zero has run out at once, as a killed daemon's does in time.
      let lost = try await crashed.claim(endpoints: ["app"], limit: 1, leaseDuration: .zero)
      let taken = try await rescuer.claim(
        endpoints: ["app"], limit: 1, leaseDuration: .seconds(60))
      #expect(taken.map(\.eventID) == lost.map(\.eventID))
      #expect(taken.first?.attempts == 2)
      #expect(
        try await crashed.complete(lost.map { Self.completion($0, .delivered) }).ids.isEmpty)
      #expect(
        try await rescuer.complete(taken.map { Self.completion($0, .delivered) }).ids.count == 1)
      let row = try await database.run(
        "SELECT status, lease_owner FROM verifier.outbox")[0]
      #expect(try row.decode("status", as: String.self) == "delivered")
      #expect(try row.decodeIfPresent("lease_owner", as: String.self) == nil)
    }
  }

  @Test("a dead delivery leaves an alert on its job, with the last error")
  func deadAlerts() async throws {
    try await TestDatabase.with { database in
      try await Sample.insertFinicityJobs(1, into: database)
      let job: Int64 = try await database.run("SELECT id FROM verifier.jobs")[0].decode("id")
      try await Self.append(database, job: job, sequence: 1)
      let store = OutboxStore(connection: database.connect(), instance: "a")
      let claimed = try await store.claim(
        endpoints: ["app"], limit: 1, leaseDuration: .seconds(60))
      try await store.complete(claimed.map { Self.completion($0, .dead) })
      let alert = try await database.run(
        "SELECT message FROM verifier.events WHERE job_id = $1 AND kind = 'alert'", [job])
      #expect(
        try alert[0].decode("message", as: String.self)
          == "webhook verification.finished to app is dead: HTTP 503")
    }
  }
}
