import Foundation
import JobQueue
import TestSupport
import Testing
import Verification

@Suite(
  "fleet rate limit rows: shared by connections, the bound held, refusals pause everyone",
  .timeLimit(.minutes(1)))
struct RateLimitStoreTests {
  func store(_ database: TestDatabase, _ provider: Provider = .finicity, rate: Double = 100)
    -> RateLimitStore
  {
    RateLimitStore(
      connection: database.connect(), provider: provider, law: FleetRateLaw(configuredRate: rate))
  }

  @Test("the row is made at first use, full; a lease takes at most one batch")
  func firstUse() async throws {
    try await TestDatabase.with { database in
      let store = store(database)
      let (grant, state) = try await store.lease(want: 50, configuredRate: 100)
      #expect(grant.permits == 4)
      #expect(grant.retryIn != nil)
      #expect(state.grantedTotal == 4)
      let rows = try await database.run(
        "SELECT provider, granted_total FROM verifier.rate_limits ORDER BY provider")
      #expect(rows.count == 1)
      #expect(try rows[0].decode("granted_total", as: Int64.self) == 4)
    }
  }

  @Test("three connections leasing at once are granted at most the rate plus one batch")
  func sharedBound() async throws {
    try await TestDatabase.with { database in
      let stores = (0..<3).map { _ in store(database, rate: 200) }
      let clock = ContinuousClock()
      let start = clock.now
      let granted = try await withThrowingTaskGroup(of: Int.self) { group in
        for store in stores {
          group.addTask {
            var mine = 0
            var total: Int64 = 0
            while total < 300 {
              let (grant, state) = try await store.lease(want: 8, configuredRate: 200)
              mine += grant.permits
              total = state.grantedTotal
              if let wait = grant.retryIn { try await Task.sleep(for: wait) }
            }
            return mine
          }
        }
        return try await group.reduce(0, +)
      }
      let elapsed = (clock.now - start).seconds
      // The bucket starts full (one batch) and refills at 200/s: whatever the machine's load,
      // the three together never got more.
      #expect(Double(granted) <= 200 * elapsed + 8)
      #expect(granted >= 300)
      let row = try await database.run(
        "SELECT granted_total FROM verifier.rate_limits WHERE provider = 'finicity'")
      #expect(try row[0].decode("granted_total", as: Int64.self) == Int64(granted))
    }
  }

  @Test("a refusal through one connection pauses the lease of another, and lowers the rate")
  func refusalPausesOthers() async throws {
    try await TestDatabase.with { database in
      let first = store(database)
      let second = store(database)
      _ = try await first.lease(want: 1, configuredRate: 100)
      let (began, state) = try await first.refused(
        retryAfter: .seconds(30), cause: "429", configuredRate: 100)
      #expect(began)
      #expect(state.rate < 100)
      let (grant, seen) = try await second.lease(want: 1, configuredRate: 100)
      #expect(grant.permits == 0)
      // Most of the 30 s pause is left (a loaded machine may take a second or more between the
      // two statements; without the pause a permit would be a refill away, under a second).
      #expect((grant.retryIn ?? .zero) > .seconds(20))
      #expect(seen.pauseCause == "429")
      let (again, _) = try await second.refused(
        retryAfter: nil, cause: "429", configuredRate: 100)
      #expect(!again)
      let pauses = try await database.run(
        "SELECT pauses_total, refused_total FROM verifier.rate_limits")
      #expect(try pauses[0].decode("pauses_total", as: Int64.self) == 1)
      #expect(try pauses[0].decode("refused_total", as: Int64.self) == 2)
    }
  }

  @Test("providers have rows of their own")
  func perProvider() async throws {
    try await TestDatabase.with { database in
      _ = try await store(database, .finicity).refused(
        retryAfter: .seconds(30), cause: "429", configuredRate: 100)
      let (grant, _) = try await store(database, .folio).lease(want: 1, configuredRate: 100)
      #expect(grant.permits == 1)
    }
  }
}
