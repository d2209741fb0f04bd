import Foundation
import JobQueue
import TestSupport
import Testing
import VerifierRuntime

@Suite("Resilience: a flaky provider, long calls under short leases", .serialized)
struct ResilienceTests {
  @Test("5xx, resets, malformed bodies and 429s: every job still verified, one deposit per account")
  func flakyProvider() async throws {
    try await withStack { stack in
      try await stack.control(
        "PUT", "/_sandbox/faults",
        [
          "serverErrorFraction": 0.15, "resetFraction": 0.1, "malformedFraction": 0.1,
          "rateLimitFraction": 0.1,
        ])
      let customer = try await Customer.start(stack)
      var ids: [Int64] = []
      for index in 0..<8 {
        ids.append(
          try await stack.insertFinicity(
            account: "4440\(index)300", customer: "f\(index)", ref: "right"))
        ids.append(try await stack.insertFolio(oid: "FL-\(index)", ref: "right"))
      }
      var configuration = stack.configuration()
      configuration.verification.finicity.expiry = .seconds(60)
      configuration.verification.folio.expiry = .seconds(60)
      configuration.verification.finicity.pendingLimit = .seconds(60)
      try await withRuntime(configuration) { _ in
        try await stack.waitUntilFinished(ids)
      }
      await customer.stop()
      for id in ids {
        let job = try await stack.job(id)
        #expect(job.state == "verified", "\(job)")
      }
      #expect(try await stack.counter("depositPairsSent") == 8)
      let retries = try await stack.database.run(
        "SELECT count(*) AS n FROM verifier.events WHERE kind = 'retry'")
      #expect(try retries[0].decode("n", as: Int.self) > 0)
      let accounts = try await stack.database.run(
        "SELECT provider_account_id AS a FROM verifier.jobs WHERE provider = 'finicity'")
      for row in accounts.rows {
        let account: String = try row.decode("a")
        let report = try await stack.control("GET", "/_sandbox/finicity/accounts/\(account)")
        #expect(report["initiateRequests"] as? Int == 1, "account \(account)")
      }
    }
  }

  @Test("calls longer than the lease: renewals keep the jobs, the other daemon never rescues one")
  func renewals() async throws {
    try await withStack { stack in
      try await stack.control("PUT", "/_sandbox/faults", ["latencyMs": 1500])
      let customer = try await Customer.start(stack)
      var ids: [Int64] = []
      for index in 0..<4 {
        ids.append(try await stack.insertFinicity(account: "3330\(index)400", ref: "right"))
      }
      var first = stack.configuration(instance: "daemon-a")
      first.leaseDuration = .seconds(1)
      var second = stack.configuration(instance: "daemon-b")
      second.leaseDuration = .seconds(1)
      first.verification.finicity.expiry = .seconds(60)
      first.verification.finicity.pendingLimit = .seconds(60)
      second.verification.finicity.expiry = .seconds(60)
      second.verification.finicity.pendingLimit = .seconds(60)
      try await withRuntime(first) { _ in
        try await withRuntime(second) { _ in
          try await stack.waitUntilFinished(ids)
        }
      }
      await customer.stop()
      for id in ids { #expect(try await stack.job(id).state == "verified") }
      let rescued = try await stack.database.run(
        "SELECT count(*) AS n FROM verifier.events WHERE kind = 'lease_rescued'")
      #expect(try rescued[0].decode("n", as: Int.self) == 0)
      #expect(try await stack.counter("finicityInitiateRequests") == ids.count)
    }
  }

  @Test(
    "an initiate slower than the money-call budget is cancelled, reconciled, and never sent twice")
  func budgetCancelsSlowInitiates() async throws {
    try await withStack { stack in
      // The sandbox takes each request at once and answers after 2 s; the budget is 0.5 s.
      try await stack.control("PUT", "/_sandbox/faults", ["latencyMs": 2000])
      let customer = try await Customer.start(stack)
      var ids: [Int64] = []
      for index in 0..<3 {
        ids.append(try await stack.insertFinicity(account: "2220\(index)500", ref: "right"))
      }
      var configuration = stack.configuration()
      configuration.moneyCallBudget = .milliseconds(500)
      configuration.verification.finicity.expiry = .seconds(60)
      configuration.verification.finicity.pendingLimit = .seconds(60)
      try await withRuntime(configuration) { _ in
        try await stack.waitUntilFinished(ids)
      }
      await customer.stop()
      for id in ids { #expect(try await stack.job(id).state == "verified") }
      // Each initiate was cut off by the budget, found by listing accounts, never sent again.
      #expect(try await stack.counter("finicityInitiateRequests") == ids.count)
      #expect(try await stack.counter("depositPairsSent") == ids.count)
      let reconciled = try await stack.database.run(
        "SELECT count(DISTINCT job_id) AS n FROM verifier.events WHERE kind = 'reconcile'")
      #expect(try reconciled[0].decode("n", as: Int.self) == ids.count)
    }
  }

  @Test("a job whose bookkeeping does not read is parked with an alert, and nothing is sent")
  func unreadableDataParks() async throws {
    try await withStack { stack in
      let id = try await stack.insertFinicity(account: "77700600", ref: "right")
      try await stack.database.run(
        "UPDATE verifier.jobs SET data = '{\"accountMayExist\": \"yes\"}' WHERE id = $1", [id])
      try await withRuntime(stack.configuration()) { _ in
        try await stack.waitFor("the job parked") {
          let alerts = try await stack.database.run(
            "SELECT count(*) AS n FROM verifier.events WHERE job_id = $1 AND kind = 'alert'", [id])
          return try alerts[0].decode("n", as: Int.self) == 1
        }
      }
      let job = try await stack.database.run(
        "SELECT state, run_at > now() + interval '50 minutes' AS parked FROM verifier.jobs WHERE id = $1",
        [id])
      #expect(try job[0].decode("state", as: String.self) == "queued")
      #expect(try job[0].decode("parked", as: Bool.self))
      #expect(try await stack.counter("finicityInitiateRequests") == 0)
    }
  }
}
