import Foundation
import JobQueue
import TestSupport
import Testing
import Verification

@Suite("claiming and leases")
struct ClaimTests {
  @Test("four concurrent claimers over 10,000 due jobs claim every job exactly once")
  func concurrentClaimers() async throws {
    try await TestDatabase.with { database in
      try await Sample.insertFinicityJobs(10_000, into: database)
      let start = ContinuousClock.now
      let claimed = try await withThrowingTaskGroup(of: [Int64].self) { group in
        for claimer in 0..<4 {
          group.addTask {
            let store = JobStore(connection: database.connect(), instance: "claimer-\(claimer)")
            var mine: [Int64] = []
            while true {
              let batch = try await store.claim(limit: 100, leaseDuration: .seconds(300))
              if batch.isEmpty { return mine }
              mine += batch.map(\.id)
            }
          }
        }
        return try await group.reduce(into: [[Int64]]()) { $0.append($1) }
      }
      let elapsed = ContinuousClock.now - start
      let all = claimed.flatMap { $0 }
      #expect(all.count == 10_000)
      #expect(Set(all).count == 10_000)
      #expect(claimed.allSatisfy { !$0.isEmpty }, "every claimer got work")
      let seconds = Double(elapsed.nanoseconds) / 1e9
      print(
        "claim figures: 10000 jobs, 4 claimers, batch 100: \(Int(10_000 / seconds)) claims/s (\(String(format: "%.2f", seconds)) s)"
      )
      let owners = try await database.run(
        "SELECT count(DISTINCT lease_owner) AS owners, count(*) FILTER (WHERE lease_token IS NULL) AS unleased, max(claim_count) AS most FROM verifier.jobs"
      )
      #expect(try owners[0].decode("owners", as: Int.self) == 4)
      #expect(try owners[0].decode("unleased", as: Int.self) == 0)
      #expect(try owners[0].decode("most", as: Int.self) == 1)
    }
  }

  @Test("a claim stamps owner, a fresh token and an expiry, and hides the job from other claimers")
  func claimStampsLease() async throws {
    try await TestDatabase.with { database in
      try await Sample.insertFinicityJobs(3, into: database)
      let first = JobStore(connection: database.connect(), instance: "a")
      let second = JobStore(connection: database.connect(), instance: "b")
      let jobs = try await first.claim(limit: 2, leaseDuration: .seconds(60))
      #expect(jobs.count == 2)
      #expect(Set(jobs.map(\.lease.token)).count == 2)
      #expect(jobs.allSatisfy { !$0.rescued && $0.claimCount == 1 && $0.leaseExpiresAt > Date() })
      #expect(jobs[0].snapshot?.party.finicity?.accountNumber?.revealed == "00000001")
      #expect(jobs[0].snapshot?.party.finicity?.routingNumber == Sample.routing)
      let rest = try await second.claim(limit: 10, leaseDuration: .seconds(60))
      #expect(rest.map(\.id) == [3])
      #expect(try await second.claim(limit: 10, leaseDuration: .seconds(60)).isEmpty)
    }
  }

  @Test("a write-back with a stale lease token changes nothing")
  func staleTokenChangesNothing() async throws {
    try await TestDatabase.with { database in
      try await Sample.insertFinicityJobs(1, into: database)
      let store = JobStore(connection: database.connect(), instance: "a")
      let job = try #require(try await store.claim(limit: 1, leaseDuration: .seconds(60)).first)
      let stale = Lease(jobID: job.id, token: UUID())
      let applied = try await store.apply([
        try job.commit(
          lease: stale, schedule: .finished,
          records: [
            EventRecord(
              kind: .stateChange, fromState: .queued, toState: .rejected, provider: .finicity)
          ]
        ) {
          $0.state = .rejected
          $0.outcome = .rejected
        }
      ])
      #expect(applied.isEmpty)
      let row = try await database.run(
        "SELECT state, outcome, finished_at, lease_token, (SELECT count(*) FROM verifier.events) AS events FROM verifier.jobs"
      )[0]
      #expect(try row.decode("state", as: String.self) == "queued")
      #expect(try row.decodeIfPresent("outcome", as: String.self) == nil)
      #expect(try row.decodeIfPresent("finished_at", as: Date.self) == nil)
      #expect(try row.decode("lease_token", as: UUID.self) == job.lease.token)
      #expect(try row.decode("events", as: Int.self) == 0)
    }
  }

  @Test(
    "write-backs apply in a batch: intent kept under lease, results released, terminal states finish"
  )
  func writeBackBatch() async throws {
    try await TestDatabase.with { database in
      try await Sample.insertFinicityJobs(3, into: database)
      let store = JobStore(connection: database.connect(), instance: "daemon-1")
      let jobs = try await store.claim(limit: 3, leaseDuration: .seconds(60))
      let attempt = UUID()
      let later = Timestamp.now + .seconds(3600)
      let applied = try await store.apply([
        try jobs[0].commit(
          schedule: .keepLease,
          records: [
            EventRecord(
              kind: .stateChange, fromState: .queued, toState: .initiating, provider: .finicity)
          ]
        ) {
          $0.state = .initiating
          $0.attemptID = AttemptID(rawValue: attempt.uuidString.lowercased())
        },
        try jobs[1].commit(
          schedule: .runAt(later),
          records: [
            EventRecord(kind: .providerCall, provider: .finicity, endpoint: .initiate),
            EventRecord(
              kind: .stateChange, fromState: .initiating, toState: .pending, provider: .finicity),
          ],
          clearAccountNumber: true,
          measurement: CallMeasurement(httpStatus: 200, latency: .milliseconds(42))
        ) {
          $0.state = .pending
          $0.providerAccountID = "5011648377"
        },
        try jobs[2].commit(schedule: .finished) {
          $0.state = .invalidRequest
          $0.outcome = .invalidRequest
          $0.providerCode = "20024"
          $0.providerMessage = "Invalid routing number"
        },
      ])
      #expect(applied == Set(jobs.map(\.lease)))
      let rows = try await database.run(
        """
        SELECT id, state, lease_token IS NOT NULL AS leased, attempt_id, account_number, provider_account_id,
               finished_at IS NOT NULL AS finished, outcome, provider_code, run_at > now() + interval '59 minutes' AS later
          FROM verifier.jobs ORDER BY id
        """)
      #expect(try rows[0].decode("leased", as: Bool.self))
      #expect(try rows[0].decode("attempt_id", as: UUID.self) == attempt)
      #expect(try rows[0].decodeIfPresent("account_number", as: String.self) == "00000001")
      #expect(try !rows[1].decode("leased", as: Bool.self))
      #expect(try rows[1].decode("later", as: Bool.self))
      #expect(try rows[1].decodeIfPresent("account_number", as: String.self) == nil)
      #expect(try rows[1].decode("provider_account_id", as: String.self) == "5011648377")
      #expect(try rows[2].decode("finished", as: Bool.self))
      #expect(try rows[2].decodeIfPresent("account_number", as: String.self) == nil)
      #expect(try rows[2].decode("provider_code", as: String.self) == "20024")
      let events = try await database.run(
        "SELECT job_id, kind, endpoint, http_status, latency_ms, instance FROM verifier.events ORDER BY id"
      )
      #expect(events.count == 3)
      #expect(
        try events.rows.map { try $0.decode("job_id", as: Int64.self) } == [
          jobs[0].id, jobs[1].id, jobs[1].id,
        ])
      #expect(try events[1].decode("http_status", as: Int.self) == 200)
      #expect(try events[1].decode("latency_ms", as: Int.self) == 42)
      #expect(
        try events.rows.allSatisfy { try $0.decode("instance", as: String.self) == "daemon-1" })
      // The job still leased under its intent is not claimable; the others are not due yet or done.
      #expect(try await store.claim(limit: 10, leaseDuration: .seconds(60)).isEmpty)
    }
  }

  @Test("an expired lease is rescued by the next claim, and the old holder can no longer write")
  func expiredLeaseRescued() async throws {
    try await TestDatabase.with { database in
      try await Sample.insertFinicityJobs(1, into: database)
      let crashed = JobStore(connection: database.connect(), instance: "crashed")
      let rescuer = JobStore(connection: database.connect(), instance: "rescuer")
      let original = try #require(
        try await crashed.claim(limit: 1, leaseDuration: .seconds(60)).first)
      try await crashed.apply([try original.commit(schedule: .keepLease) { $0.state = .initiating }]
      )
      #expect(try await rescuer.claim(limit: 1, leaseDuration: .seconds(60)).isEmpty)
      // The holder stops renewing; its lease runs out.
      try await database.run(
        "UPDATE verifier.jobs SET lease_expires_at = now() - interval '1 second', run_at = now() - interval '1 second'"
      )
      let rescued = try #require(
        try await rescuer.claim(limit: 1, leaseDuration: .seconds(60)).first)
      #expect(rescued.id == original.id)
      #expect(rescued.rescued)
      #expect(rescued.state == "initiating")
      #expect(rescued.claimCount == 2)
      #expect(rescued.lease.token != original.lease.token)
      #expect(
        try await crashed.apply([
          try original.commit(schedule: .runAt(.now)) { $0.state = .pending }
        ])
        .isEmpty)
      #expect(try await crashed.renew([original.lease], by: .seconds(60)).isEmpty)
      #expect(try await crashed.takenOver([original.lease]) == 1)
      let event = try await database.run("SELECT kind, instance FROM verifier.events")
      #expect(try event[0].decode("kind", as: String.self) == "lease_rescued")
      #expect(try event[0].decode("instance", as: String.self) == "rescuer")
    }
  }

  @Test(
    "a lease the daemon itself released or finished is missing from a renewal but not taken over")
  func releasedIsNotLost() async throws {
    try await TestDatabase.with { database in
      try await Sample.insertFinicityJobs(2, into: database)
      let store = JobStore(connection: database.connect(), instance: "solo")
      let jobs = try await store.claim(limit: 2, leaseDuration: .seconds(60))
      #expect(jobs.count == 2)
      try await store.release([jobs[0].lease])
      _ = try await store.apply([
        try jobs[1].commit(schedule: .finished) {
          $0.state = .canceled
          $0.outcome = .canceled
        }
      ])
      let leases = jobs.map(\.lease)
      #expect(try await store.renew(leases, by: .seconds(60)).isEmpty)
      #expect(try await store.takenOver(leases) == 0)
    }
  }

  @Test("renewing keeps a lease; releasing makes the job due at once for another daemon")
  func renewAndRelease() async throws {
    try await TestDatabase.with { database in
      try await Sample.insertFinicityJobs(1, into: database)
      let first = JobStore(connection: database.connect(), instance: "first")
      let second = JobStore(connection: database.connect(), instance: "second")
      let job = try #require(try await first.claim(limit: 1, leaseDuration: .seconds(5)).first)
      #expect(try await first.renew([job.lease], by: .seconds(600)) == [job.lease])
      let expiry = try await database.run(
        "SELECT lease_expires_at > now() + interval '500 seconds' AS long FROM verifier.jobs")
      #expect(try expiry[0].decode("long", as: Bool.self))
      #expect(try await second.claim(limit: 1, leaseDuration: .seconds(60)).isEmpty)
      #expect(try await first.release([job.lease]) == [job.lease])
      let taken = try await second.claim(limit: 1, leaseDuration: .seconds(60))
      #expect(taken.map(\.id) == [job.id])
      #expect(taken.first?.rescued == false)
    }
  }
}
