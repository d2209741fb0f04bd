import Foundation
import JobQueue
import TestSupport
import Testing
import VerifierRuntime

@Suite("Finicity end to end: daemon, PostgreSQL and the sandbox over HTTP", .serialized)
struct FinicityFlowTests {
  /// One input and what it must end as.
  struct Case: Sendable {
    var account: String
    var ref: String
    var state: String
    var code: String?
    var customer = "1005061234"
  }

  static let cases: [Case] = [
    Case(account: "55500000", ref: "right", state: "verified"),
    Case(account: "55500007", ref: "right", state: "verified"),  // rtp: Completed at once
    Case(account: "55500010", ref: "wrong1", state: "verified"),
    Case(account: "55500020", ref: "wrong2", state: "verified"),
    Case(account: "55500030", ref: "never", state: "attempts_exhausted"),
    Case(account: "55500001", ref: "right", state: "returned", code: "Returned"),
    Case(account: "55500002", ref: "right", state: "rejected", code: "Rejected"),
    Case(account: "55500003", ref: "right", state: "provider_failed", code: "Failed"),
    Case(account: "55500004", ref: "right", state: "expired", code: "Expired"),
    Case(account: "55500005", ref: "right", state: "expired"),  // never settles: pending limit
    Case(account: "55500006", ref: "right", state: "provider_failed", code: "3200001"),
    Case(account: "55500040", ref: "silent", state: "expired"),  // local expiry
    Case(
      account: "55500050", ref: "right", state: "invalid_request", code: "14001",
      customer: "4041234"),
  ]

  @Test("every outcome: magic inputs and the customer's answers end each job as expected")
  func everyOutcome() async throws {
    try await withStack { stack in
      let customer = try await Customer.start(stack)
      var ids: [Int64] = []
      for item in Self.cases {
        ids.append(
          try await stack.insertFinicity(
            account: item.account, customer: item.customer, ref: item.ref))
      }
      try await withRuntime(stack.configuration()) { _ in
        try await stack.waitUntilFinished(ids)
      }
      await customer.stop()
      #expect(customer.failures.isEmpty)
      for (id, item) in zip(ids, Self.cases) {
        let job = try await stack.job(id)
        if job.state != item.state {
          let timeline = try await stack.timeline(id)
          Issue.record(
            "account \(item.ref) \(item.account.suffix(4)) ended \(job.state), not \(item.state):\n\(timeline)"
          )
        }
        #expect(job.outcome == item.state)
        if let code = item.code { #expect(job.code == code, "account \(item.account.suffix(4))") }
      }
      // One initiation per account, and no account number left anywhere.
      let initiations = try await stack.counter("finicityInitiateRequests")
      let retries = try await Self.initiateRetries(stack)
      #expect(initiations == Self.cases.count, "initiations: \(initiations), retries: \(retries)")
      let leftover = try await stack.database.run(
        "SELECT count(*) AS n FROM verifier.jobs WHERE account_number IS NOT NULL OR lease_owner IS NOT NULL"
      )
      #expect(try leftover[0].decode("n", as: Int.self) == 0)
      try await Self.expectSubmissionHistory(stack, ids)
      try await Self.expectEvents(stack)
    }
  }

  /// Wrong-then-right leaves a `mismatch` (2 attempts left) then `verified`; never-right ends
  /// with `attempts_exhausted`.
  static func expectSubmissionHistory(_ stack: Stack, _ ids: [Int64]) async throws {
    let rows = try await stack.database.run(
      """
      SELECT j.external_ref AS ref, string_agg(s.status || ':' || coalesce(s.attempts_remaining::text, '-'), ',' ORDER BY s.id) AS h
        FROM verifier.amount_submissions s JOIN verifier.jobs j ON j.id = s.job_id
       WHERE j.external_ref IN ('wrong1', 'never') GROUP BY j.external_ref
      """)
    var history: [String: String] = [:]
    for row in rows.rows { history[try row.decode("ref")] = try row.decode("h") }
    #expect(history["wrong1"] == "mismatch:2,verified:2")
    #expect(history["never"] == "mismatch:2,mismatch:1,attempts_exhausted:0")
    let processed = try await stack.database.run(
      "SELECT count(*) AS n FROM verifier.amount_submissions WHERE processed_at IS NULL")
    #expect(try processed[0].decode("n", as: Int.self) == 0)
  }

  /// Provider calls are recorded with endpoint, latency and instance; no event holds an account
  /// number or amount.
  static func expectEvents(_ stack: Stack) async throws {
    let calls = try await stack.database.run(
      """
      SELECT count(*) FILTER (WHERE latency_ms IS NULL OR instance IS NULL OR endpoint IS NULL) AS bad,
             count(*) AS n
        FROM verifier.events WHERE kind = 'provider_call'
      """)
    #expect(try calls[0].decode("bad", as: Int.self) == 0)
    #expect(try calls[0].decode("n", as: Int.self) > cases.count)
    let leaks = try await stack.database.run(
      "SELECT count(*) AS n FROM verifier.events WHERE message ~ '5550[0-9]{4}' OR message ~ '0\\.[0-9]{2}'"
    )
    #expect(try leaks[0].decode("n", as: Int.self) == 0)
    let http = try await stack.database.run(
      "SELECT count(*) AS n FROM verifier.events WHERE kind = 'provider_call' AND provider_code = '3200001' AND http_status = 400"
    )
    #expect(try http[0].decode("n", as: Int.self) == 1)
  }

  @Test("prompts: first at once, last chance before the expiry, the rest cancelled at the end")
  func prompts() async throws {
    try await withStack { stack in
      let id = try await stack.insertFinicity(account: "55500060", ref: "silent")
      try await withRuntime(stack.configuration()) { _ in
        try await stack.waitUntilFinished([id])
      }
      let rows = try await stack.database.run(
        "SELECT kind, status FROM verifier.prompts WHERE job_id = $1 ORDER BY id", [id])
      let prompts = try rows.rows.map {
        "\(try $0.decode("kind", as: String.self)):\(try $0.decode("status", as: String.self))"
      }
      #expect(prompts == ["first:due", "last_chance:due"])
      #expect(try await stack.job(id).state == "expired")
    }
  }

  /// The initiate retries and reconciliations the events record (for a failed count's message).
  static func initiateRetries(_ stack: Stack) async throws -> String {
    try await stack.database.run(
      """
      SELECT coalesce(string_agg(job_id || ' ' || kind || ' ' || coalesce(message, ''), '; '), 'none') AS r
        FROM verifier.events WHERE endpoint = 'initiate' AND kind <> 'provider_call'
      """)[0].decode("r")
  }
}
