import Foundation
import JobQueue
import TestSupport
import Testing
import VerifierRuntime

#if canImport(Glibc)
  import Glibc
#endif

@Suite("Exactly once: crashes, drains and two daemons", .serialized)
struct ExactlyOnceTests {
  static let accounts = (0..<6).map { "8880\($0)100" }

  /// Inserts one Finicity job per account (customer answers right at once).
  static func insertJobs(_ stack: Stack) async throws -> [Int64] {
    var ids: [Int64] = []
    for account in accounts {
      ids.append(try await stack.insertFinicity(account: account, ref: "right"))
    }
    return ids
  }

  /// Each account was initiated exactly once (per-account counters of the sandbox).
  static func expectOneInitiationPerAccount(_ stack: Stack) async throws {
    let rows = try await stack.database.run(
      "SELECT provider_account_id AS a FROM verifier.jobs WHERE provider = 'finicity'")
    for row in rows.rows {
      let account: String = try row.decode("a")
      let report = try await stack.control("GET", "/_sandbox/finicity/accounts/\(account)")
      #expect(report["initiateRequests"] as? Int == 1, "account \(account)")
    }
    #expect(try await stack.counter("finicityInitiateRequests") == accounts.count)
    #expect(try await stack.counter("depositPairsSent") == accounts.count)
  }

  /// Finishes the jobs with an in-process daemon and the customer; all must be verified once.
  /// Starts a daemon against a provider answering after `latencyMs`, enqueues the jobs, sends
  /// SIGTERM once every initiate reached the sandbox, and waits for the daemon to exit.
  static func terminateMidInitiation(_ stack: Stack, latencyMs: Int, drainTimeout: Double)
    async throws
    -> ([Int64], ChildProcess.Result)
  {
    try await stack.control("PUT", "/_sandbox/faults", ["latencyMs": latencyMs])
    let daemon = try DaemonProcess.start(
      config: try DaemonProcess.configFile(stack, ["drain_timeout_seconds": drainTimeout]))
    let ids = try await insertJobs(stack)
    try await stack.waitFor("initiate requests") {
      try await stack.counter("finicityInitiateRequests") == accounts.count
    }
    daemon.send(SIGTERM)
    return (ids, await daemon.wait())
  }

  static func finishAndCheck(_ stack: Stack, _ ids: [Int64]) async throws {
    try await stack.control("PUT", "/_sandbox/faults", [:])
    let customer = try await Customer.start(stack)
    try await withRuntime(stack.configuration(instance: "second-daemon")) { _ in
      try await stack.waitUntilFinished(ids)
    }
    await customer.stop()
    for id in ids {
      let job = try await stack.job(id)
      #expect(job.state == "verified", "\(job)")
    }
    try await expectOneInitiationPerAccount(stack)
  }

  @Test("SIGKILL mid-initiation, then a restart: one initiation per account")
  func killedMidInitiation() async throws {
    try await withStack { stack in
      try await stack.control("PUT", "/_sandbox/faults", ["latencyMs": 3000])
      let daemon = try DaemonProcess.start(
        config: try DaemonProcess.configFile(stack, ["lease_seconds": 2]))
      let ids = try await Self.insertJobs(stack)
      // Every initiate reached the sandbox; its answer is still on the way back.
      try await stack.waitFor("initiate requests") {
        try await stack.counter("finicityInitiateRequests") == Self.accounts.count
      }
      daemon.send(SIGKILL)
      let result = await daemon.wait()
      #expect(result.status == 128 + SIGKILL)
      let initiating = try await stack.database.run(
        "SELECT count(*) AS n FROM verifier.jobs WHERE state = 'initiating'")
      #expect(try initiating[0].decode("n", as: Int.self) == Self.accounts.count)
      try await Self.finishAndCheck(stack, ids)
    }
  }

  @Test("SIGTERM during in-flight calls: exit 0, leases released, every job finishes once")
  func drainReleases() async throws {
    try await withStack { stack in
      let (ids, result) = try await Self.terminateMidInitiation(
        stack, latencyMs: 3000, drainTimeout: 0.5)
      #expect(result.status == 0, "\(result.errors)")
      #expect(result.errors.contains("releasing leases"))
      let held = try await stack.database.run(
        "SELECT count(*) AS n FROM verifier.jobs WHERE lease_owner IS NOT NULL OR run_at > now()")
      #expect(try held[0].decode("n", as: Int.self) == 0)
      try await Self.finishAndCheck(stack, ids)
    }
  }

  @Test("SIGTERM with time to drain: in-flight calls finish and are written, exit 0")
  func drainFinishes() async throws {
    try await withStack { stack in
      let (ids, result) = try await Self.terminateMidInitiation(
        stack, latencyMs: 1000, drainTimeout: 20)
      #expect(result.status == 0, "\(result.errors)")
      let rows = try await stack.database.run(
        "SELECT count(*) FILTER (WHERE state = 'pending') AS pending, count(*) FILTER (WHERE lease_owner IS NOT NULL) AS held FROM verifier.jobs"
      )
      #expect(try rows[0].decode("pending", as: Int.self) == Self.accounts.count)
      #expect(try rows[0].decode("held", as: Int.self) == 0)
      try await Self.finishAndCheck(stack, ids)
    }
  }

  @Test("two daemons on one database: every job done once")
  func twoDaemons() async throws {
    try await withStack { stack in
      let customer = try await Customer.start(stack)
      var ids: [Int64] = []
      for index in 0..<40 {
        ids.append(
          try await stack.insertFinicity(
            account: "77\(String(format: "%04d", index))20", customer: "c\(index)", ref: "right"))
        ids.append(
          try await stack.insertFolio(oid: "TD-\(index)", ref: index % 4 == 0 ? "wrong1" : "right"))
      }
      var first = stack.configuration(instance: "daemon-a")
      first.maxInFlight = 8
      var second = stack.configuration(instance: "daemon-b")
      second.maxInFlight = 8
      try await withRuntime(first) { _ in
        try await withRuntime(second) { _ in
          try await stack.waitUntilFinished(ids)
        }
      }
      await customer.stop()
      let rows = try await stack.database.run(
        "SELECT count(*) FILTER (WHERE state = 'verified') AS ok, count(DISTINCT lease_owner) AS held FROM verifier.jobs"
      )
      #expect(try rows[0].decode("ok", as: Int.self) == ids.count)
      let odd = try await stack.database.run(
        "SELECT id, provider, state, provider_code, provider_message FROM verifier.jobs WHERE state <> 'verified'"
      )
      for row in odd.rows {
        Issue.record(
          "job \(try row.decode("id", as: Int64.self)) \(try row.decode("provider", as: String.self)) \(try row.decode("state", as: String.self)) \(try row.decodeIfPresent("provider_code", as: String.self) ?? "-") \(try row.decodeIfPresent("provider_message", as: String.self) ?? "-")"
        )
      }
      // Each job's initiation and each submission was sent once.
      #expect(try await stack.counter("finicityInitiateRequests") == 40)
      #expect(try await stack.counter("folioVerifyCalls") == 40 + 10)
      let twice = try await stack.database.run(
        """
        SELECT count(*) AS n FROM (
          SELECT job_id FROM verifier.events WHERE kind = 'state_change' AND to_state = 'verified'
           GROUP BY job_id HAVING count(*) <> 1) AS x
        """)
      #expect(try twice[0].decode("n", as: Int.self) == 0)
      let instances = try await stack.database.run(
        "SELECT count(DISTINCT instance) AS n FROM verifier.events WHERE kind = 'provider_call'")
      #expect(try instances[0].decode("n", as: Int.self) >= 1)
    }
  }
}
