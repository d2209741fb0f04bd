import Foundation
import JobQueue
import TestSupport
import Testing
import Verification
import VerifierConfiguration
import VerifierRuntime

@Suite("Fraud rules end to end: scripted attacks against the daemon and the sandbox", .serialized)
struct FraudFlowTests {
  static let day = Duration.seconds(86_400)

  /// `stack`'s configuration with `rule` at `limit` doing `action` and the other rules off.
  static func configuration(
    _ stack: Stack, _ rule: FraudRule, limit: Int, _ action: FraudAction
  ) -> RuntimeConfiguration {
    var configuration = stack.configuration()
    var fraud = FraudPolicy.off
    let setting = VelocityLimit(limit: limit, window: day * 30, action: action)
    switch rule {
    case .customersPerAccount: fraud.customersPerAccount = setting
    case .accountsPerCustomer: fraud.accountsPerCustomer = setting
    case .failedVerificationsPerCustomer: fraud.failedVerificationsPerCustomer = setting
    }
    configuration.verification.fraud = fraud
    return configuration
  }

  /// Jobs by state and policy rule, as `state:rule` (rule `-` when none).
  static func tally(_ stack: Stack, _ ids: [Int64]) async throws -> [String: Int] {
    let rows = try await stack.database.run(
      """
      SELECT state || ':' || coalesce(policy_rule, '-') AS k, count(*)::bigint AS n
        FROM verifier.jobs WHERE id = ANY($1::bigint[]) GROUP BY 1
      """, [PGArray(ids)])
    var tally: [String: Int] = [:]
    for row in rows.rows { tally[try row.decode("k")] = try row.decode("n") }
    return tally
  }

  static func policyHits(_ stack: Stack, _ rule: FraudRule) async throws -> Int {
    let rows = try await stack.database.run(
      "SELECT count(*)::bigint AS n FROM verifier.events WHERE kind = 'policy_hit' AND provider_code = $1",
      [rule.rawValue])
    return try rows[0].decode("n")
  }

  /// The sandbox, like a receiver registry, answers 3100001 to a second customer initiating an
  /// account it knows, so the rule here allows one customer per account.
  @Test("20 customers on one account, refuse: 1 verified, 19 refused_by_policy, 1 initiation sent")
  func manyCustomersRefused() async throws {
    try await withStack { stack in
      let recorded = MetricsTests.Recorded()
      let customer = try await Customer.start(stack)
      var ids: [Int64] = []
      for n in 0..<20 {
        ids.append(
          try await stack.insertFinicity(account: "44400007", customer: "20000\(n)", ref: "right"))
      }
      let configuration = Self.configuration(stack, .customersPerAccount, limit: 1, .refuse)
      try await withRuntime(configuration, metrics: recorded.metrics) { _ in
        try await stack.waitUntilFinished(ids)
      }
      await customer.stop()
      #expect(
        try await Self.tally(stack, ids)
          == ["verified:-": 1, "refused_by_policy:customers_per_account": 19])
      // The first customer passed; nothing was sent for the others.
      for id in ids.prefix(1) where try await stack.job(id).state != "verified" {
        Issue.record("job \(id) did not verify:\n\(try await stack.timeline(id))")
      }
      #expect(try await stack.counter("finicityInitiateRequests") == 1)
      #expect(try await Self.policyHits(stack, .customersPerAccount) == 19)
      #expect(
        recorded.value(
          #"verifierd_policy_hits_total{rule="customers_per_account",action="refuse"}"#) == 19)
      let leftover = try await stack.database.run(
        "SELECT count(*)::bigint AS n FROM verifier.jobs WHERE account_number IS NOT NULL OR attempt_id IS NULL AND state <> 'refused_by_policy'"
      )
      #expect(try leftover[0].decode("n", as: Int.self) == 0)
    }
  }

  @Test(
    "one customer on 15 accounts, hold: 5 verified, 10 held; one released completes, one canceled")
  func manyAccountsHeld() async throws {
    try await withStack { stack in
      let customer = try await Customer.start(stack)
      var ids: [Int64] = []
      for n in 0..<15 {
        ids.append(
          try await stack.insertFinicity(
            account: "3330\(100 + n)0007", customer: "3000001", ref: "right"))
      }
      let configuration = Self.configuration(stack, .accountsPerCustomer, limit: 5, .hold)
      let admin = JobAdmin(connection: stack.database.connect())
      try await withRuntime(configuration) { _ in
        try await stack.waitUntilFinished(Array(ids.prefix(5)))
        try await stack.waitFor("10 jobs held") {
          try await Self.tally(stack, ids)["held:accounts_per_customer"] == 10
        }
        #expect(try await stack.counter("finicityInitiateRequests") == 5)
        // A job that is not held is not released.
        let notHeld = try await admin.release(jobID: ids[0])
        #expect(notHeld == .finished(outcome: "verified"))
        #expect(try await admin.release(jobID: ids[5]) == .done)
        // Released once: a second release changes nothing, whatever the daemon did meanwhile.
        #expect(try await admin.release(jobID: ids[5]) != .done)
        #expect(try await admin.cancel(jobID: ids[6]) == .done)
        try await stack.waitUntilFinished([ids[5], ids[6]])
      }
      await customer.stop()
      #expect(try await stack.job(ids[5]).state == "verified")
      #expect(try await stack.job(ids[6]).state == "canceled")
      #expect(try await stack.counter("finicityInitiateRequests") == 6)
      #expect(
        try await Self.tally(stack, ids)
          == [
            "verified:-": 5, "verified:accounts_per_customer": 1,
            "canceled:accounts_per_customer": 1, "held:accounts_per_customer": 8,
          ])
      // The released job was not screened again, and its history says who let it go.
      #expect(try await Self.policyHits(stack, .accountsPerCustomer) == 10)
      let timeline = try await stack.timeline(ids[5])
      #expect(timeline.contains("release_requested"))
      #expect(timeline.contains("held→initiating  released by an operator"))
    }
  }

  @Test(
    "failed verifications, observe: the third job of a customer who failed twice is flagged and goes on"
  )
  func failuresObserved() async throws {
    try await withStack { stack in
      let recorded = MetricsTests.Recorded()
      let customer = try await Customer.start(stack)
      let configuration = Self.configuration(
        stack, .failedVerificationsPerCustomer, limit: 2, .observe)
      try await withRuntime(configuration, metrics: recorded.metrics) { _ in
        let failing = [
          try await stack.insertFinicity(account: "22200010", customer: "4000001", ref: "never"),
          try await stack.insertFinicity(account: "22200020", customer: "4000001", ref: "never"),
        ]
        try await stack.waitUntilFinished(failing)
        #expect(try await Self.policyHits(stack, .failedVerificationsPerCustomer) == 0)
        let third = try await stack.insertFinicity(
          account: "22200030", customer: "4000001", ref: "right")
        try await stack.waitUntilFinished([third])
        #expect(try await stack.job(third).state == "verified")
      }
      await customer.stop()
      #expect(try await Self.policyHits(stack, .failedVerificationsPerCustomer) == 1)
      #expect(
        recorded.value(
          #"verifierd_policy_hits_total{rule="failed_verifications_per_customer",action="observe"}"#
        ) == 1)
      #expect(try await stack.counter("finicityInitiateRequests") == 3)
    }
  }

  @Test("a burst of returns: the return rate crosses its threshold, alerts and shows in the report")
  func returnBurst() async throws {
    try await withStack { stack in
      let recorded = MetricsTests.Recorded()
      let customer = try await Customer.start(stack)
      var ids: [Int64] = []
      // Six that verify at once (RTP), four the bank returns.
      for n in 0..<10 {
        ids.append(
          try await stack.insertFinicity(
            account: "6660\(100 + n)\(n < 6 ? "0007" : "0001")", customer: "50000\(n)",
            ref: "right"))
      }
      try await withRuntime(stack.configuration()) { _ in
        try await stack.waitUntilFinished(ids)
      }
      await customer.stop()
      let watch = ReturnRateWatch(threshold: 0.3, window: Self.day, minimumInitiations: 5)
      let monitor = ReturnRateMonitor(
        database: stack.database.configuration, metrics: recorded.metrics, watch: watch)
      #expect(try await monitor.check() == ["finicity"])
      #expect(recorded.value(#"verifierd_micro_entry_return_rate{provider="finicity"}"#) == 0.4)
      #expect(
        recorded.value(#"verifierd_micro_entry_return_rate_exceeded{provider="finicity"}"#) == 1)
      #expect(recorded.value(#"verifierd_micro_entry_initiations{provider="finicity"}"#) == 10)
      #expect(
        recorded.value(#"verifierd_micro_entry_return_rate_exceeded{provider="folio"}"#) == 0)
      // Under a higher threshold, or with too few initiations to judge, it is quiet.
      let quiet = ReturnRateMonitor(
        database: stack.database.configuration, metrics: recorded.metrics,
        watch: ReturnRateWatch(threshold: 0.3, window: Self.day, minimumInitiations: 11))
      #expect(try await quiet.check().isEmpty)
      let days = try await MicroEntryReport(connection: stack.database.connect()).days(
        from: Date.now.addingTimeInterval(-86_400), to: Date.now.addingTimeInterval(86_400))
      #expect(days.map(\.initiations).reduce(0, +) == 10)
      #expect(days.map(\.returns).reduce(0, +) == 4)
      #expect(days.map(\.verified).reduce(0, +) == 6)
    }
  }
}
