import Foundation
import JobQueue
import TestSupport
import Testing
import Verification
import VerifierRuntime

@Suite("Fleet rate limit: daemons share one provider limit", .serialized)
struct FleetRateLimitTests {
  /// Inserts `count` Finicity jobs a customer answers right away.
  func insertJobs(_ stack: Stack, _ count: Int, from first: Int = 0) async throws -> [Int64] {
    var ids: [Int64] = []
    for index in first..<first + count {
      ids.append(
        try await stack.insertFinicity(
          account: "5550\(index)100", customer: "fleet\(index)", ref: "right"))
    }
    return ids
  }

  @Test(
    "three daemons at 30/s: as a fleet they never pass a provider admitting 30 + two batches + their tokens per second; each on its own bucket, they do",
    arguments: ["fleet", "process"])
  func threeDaemonsShareTheLimit(scope: String) async throws {
    let rate = 30.0
    let batch = FleetRateLaw(configuredRate: rate).batch
    // Each daemon's token request goes unmetered (it precedes any call), hence the 3. The bound
    // (rate + one batch in any second) holds for permits granted; on a loaded machine a call
    // granted just before a second ends may reach the sandbox just after it, hence a second batch.
    let limit = Int(rate) + 2 * batch + 3
    try await withStack { stack in
      try await stack.control("PUT", "/_sandbox/faults", ["rateLimitPerSecond": limit])
      let customer = try await Customer.start(stack)
      let ids = try await insertJobs(stack, 40)
      let daemons = (0..<3).map { index in
        var configuration = stack.configuration(instance: "fleet-\(index)")
        configuration.finicityRate = rate
        configuration.finicityRateScope = scope
        configuration.verification.finicity.expiry = .seconds(90)
        configuration.verification.finicity.pendingLimit = .seconds(90)
        return configuration
      }
      try await withRuntime(daemons[0]) { _ in
        try await withRuntime(daemons[1]) { _ in
          try await withRuntime(daemons[2]) { _ in
            try await stack.waitUntilFinished(ids, within: .seconds(120))
          }
        }
      }
      await customer.stop()
      let refused = try await stack.counter("rateLimited429")
      if scope == "process" {
        #expect(refused > 0)
        return
      }
      #expect(refused == 0)
      for id in ids {
        let state = try await stack.job(id).state
        if state != "verified" { Issue.record("job \(id): \(try await stack.timeline(id))") }
      }
      let row = try await stack.database.run(
        "SELECT granted_total FROM verifier.rate_limits WHERE provider = 'finicity'")
      #expect(try row[0].decode("granted_total", as: Int64.self) >= 40 * 3)
    }
  }

  @Test("a 429 one daemon was given pauses another daemon's calls until Retry-After has passed")
  func refusalPausesTheFleet() async throws {
    try await withStack { stack in
      try await stack.control(
        "PUT", "/_sandbox/faults", ["rateLimitFraction": 1.0, "retryAfterSeconds": 3])
      var first = stack.configuration(instance: "fleet-a")
      // The second daemon's initiate waits out the pause inside its budget.
      first.verification.initiateSettleDelay = .seconds(12)
      first.moneyCallBudget = .seconds(10)
      var second = first
      second.instance = "fleet-b"
      let early = try await insertJobs(stack, 1)
      try await withRuntime(first) { _ in
        try await stack.waitFor("the fleet paused") {
          let rows = try await stack.database.run(
            "SELECT refused_total FROM verifier.rate_limits WHERE provider = 'finicity'")
          return try rows.count == 1 && rows[0].decode("refused_total", as: Int64.self) >= 1
        }
      }
      try await stack.control("PUT", "/_sandbox/faults", ["rateLimitFraction": 0.0])
      let pause = try await stack.database.run(
        "SELECT paused_until FROM verifier.rate_limits WHERE provider = 'finicity'")
      let pausedUntil: Date = try pause[0].decode("paused_until")
      let customer = try await Customer.start(stack)
      let later = try await insertJobs(stack, 1, from: 1)
      try await withRuntime(second) { _ in
        try await stack.waitUntilFinished(later, within: .seconds(60))
      }
      await customer.stop()
      #expect(try await stack.job(later[0]).state == "verified")
      let calls = try await stack.database.run(
        "SELECT min(at) AS first FROM verifier.events WHERE job_id = $1 AND kind = 'provider_call'",
        [later[0]])
      let firstCall: Date = try calls[0].decode("first")
      #expect(firstCall >= pausedUntil, "first call \(firstCall), paused until \(pausedUntil)")
      _ = early
    }
  }

  @Test("a daemon SIGKILLed while leasing holds no permits: the next lease gets a full batch")
  func killedDaemonStrandsNothing() async throws {
    try await withStack { stack in
      _ = try await insertJobs(stack, 30)
      let config = try DaemonProcess.configFile(
        stack,
        [
          "finicity": [
            "base_url": stack.sandbox.baseURL, "partner_id": "1234583871234",
            "rate_per_second": 20,
          ]
        ])
      let daemon = try DaemonProcess.start(config: config)
      try await stack.waitFor("the daemon leasing permits") {
        let rows = try await stack.database.run(
          "SELECT granted_total FROM verifier.rate_limits WHERE provider = 'finicity'")
        return try rows.count == 1 && rows[0].decode("granted_total", as: Int64.self) >= 10
      }
      daemon.send(SIGKILL)
      #expect(await daemon.wait().status == 128 + SIGKILL)
      let store = RateLimitStore(
        connection: stack.database.connect(), provider: .finicity,
        law: FleetRateLaw(configuredRate: 20))
      let law = FleetRateLaw(configuredRate: 20)
      let (first, row) = try await store.lease(want: law.batch, configuredRate: 20)
      #expect(row.pausedUntil == nil)
      #expect(first.permits + (first.retryIn == nil ? 0 : 1) >= 1)
      // One batch's refill time later the bucket is full again: nothing was reserved by the
      // dead daemon, and its death left no pause behind.
      try await Task.sleep(for: .milliseconds(Int64(1000 * law.batch / 20) + 10))
      let (full, _) = try await store.lease(want: law.batch, configuredRate: 20)
      #expect(full.permits == law.batch)
      try? FileManager.default.removeItem(atPath: config)
    }
  }
}
