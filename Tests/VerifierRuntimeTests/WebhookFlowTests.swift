import Foundation
import JobQueue
import TestSupport
import Testing
import Verification
import VerifierConfiguration
import VerifierRuntime
import Webhooks

@Suite(
  "Webhooks end to end: the outbox, the delivery worker and the sandbox's receiver", .serialized)
struct WebhookFlowTests {
  /// The stack's configuration with one endpoint, the sandbox's receiver, hearing every event,
  /// with retries fast enough for a test.
  static func configuration(_ stack: Stack, window: Duration = .seconds(120))
    -> RuntimeConfiguration
  {
    var configuration = stack.configuration()
    configuration.webhooks = WebhookSettings(
      endpoints: [
        WebhookEndpoint(
          name: "app", url: stack.sandbox.baseURL + "/_sandbox/webhooks",
          types: Set(WebhookEventType.allCases), secret: "sandbox-webhook-secret",
          timeout: .seconds(2))
      ],
      policy: WebhookRetryPolicy(
        window: window, initial: .milliseconds(20), maximum: .milliseconds(200)),
      maxInFlight: 8, leaseDuration: .seconds(10), pollInterval: .milliseconds(100))
    return configuration
  }

  /// One outbox row, as the database holds it.
  struct Row: Equatable {
    var eventID: String
    var jobID: Int64
    var sequence: Int64
    var type: String
    var status: String
  }

  static func outbox(_ stack: Stack) async throws -> [Row] {
    try await stack.database.run(
      """
      SELECT event_id::text AS event_id, job_id, sequence, type, status FROM verifier.outbox
       ORDER BY job_id, sequence
      """
    ).rows.map {
      Row(
        eventID: try $0.decode("event_id"), jobID: try $0.decode("job_id"),
        sequence: try $0.decode("sequence"), type: try $0.decode("type"),
        status: try $0.decode("status"))
    }
  }

  /// One delivery the receiver took.
  struct Arrival: Sendable {
    var signature: String?
    var fault: String?
    var eventID: String?
    var jobID: Int64?
    var sequence: Int64?
  }

  /// The receiver's arrivals, in the order they arrived.
  static func arrivals(_ stack: Stack) async throws -> [Arrival] {
    let list = try await stack.control("GET", "/_sandbox/webhooks")["arrivals"] as? [[String: Any]]
    return (list ?? []).map {
      Arrival(
        signature: $0["signature"] as? String, fault: $0["fault"] as? String,
        eventID: $0["eventId"] as? String, jobID: ($0["jobId"] as? NSNumber)?.int64Value,
        sequence: ($0["sequence"] as? NSNumber)?.int64Value)
    }
  }

  @Test("every event arrives once per job, in order, with a receiver failing 30 % of calls")
  func everyEventInOrderUnderFailures() async throws {
    try await withStack { stack in
      // 30 % of calls fail: most with 503, some left hanging past the endpoint's 2 s timeout.
      try await stack.control(
        "PUT", "/_sandbox/webhooks/faults",
        ["serverErrorFraction": 0.27, "hangFraction": 0.05, "hangMs": 3000])
      let customer = try await Customer.start(stack)
      let accounts = [
        ("55500000", "right"), ("55500007", "right"), ("55500010", "wrong1"),
        ("55500030", "never"), ("55500001", "right"),
      ]
      var inserted: [Int64] = []
      for (account, ref) in accounts {
        inserted.append(try await stack.insertFinicity(account: account, ref: ref))
      }
      let ids = inserted
      try await withRuntime(Self.configuration(stack)) { _ in
        try await stack.waitUntilFinished(ids)
        try await stack.waitFor("every delivery acknowledged") {
          let rows = try await Self.outbox(stack)
          return !rows.isEmpty && rows.allSatisfy { $0.status == "delivered" }
        }
      }
      await customer.stop()
      let rows = try await Self.outbox(stack)
      let arrivals = try await Self.arrivals(stack)
      #expect(arrivals.allSatisfy { $0.signature == "valid" })
      let failed = arrivals.filter { $0.fault != nil }
      #expect(!failed.isEmpty, "the receiver failed some deliveries")
      let acknowledged = arrivals.filter { $0.fault == nil }
      // Every event acknowledged. At least once, not exactly: an answer that comes after the
      // sender's timeout (a loaded machine) counts as a failed attempt, so the event is sent
      // again with its id. So an event acknowledged twice must have had an attempt the daemon
      // saw fail: never more acknowledgements than attempts.
      let ackedIDs = acknowledged.compactMap(\.eventID)
      #expect(ackedIDs.count == acknowledged.count)
      #expect(Set(ackedIDs) == Set(rows.map(\.eventID)), "every event acknowledged")
      let acks = Dictionary(ackedIDs.map { ($0, 1) }, uniquingKeysWith: +)
      let attempts = try await stack.database.run(
        "SELECT event_id::text AS id, attempts FROM verifier.outbox")
      for row in attempts.rows {
        let id: String = try row.decode("id")
        let made: Int = try row.decode("attempts")
        #expect((acks[id] ?? 0) <= made, "event \(id): \(acks[id] ?? 0) acknowledged, \(made) sent")
        if (acks[id] ?? 0) > 1 { #expect(made > 1) }
      }
      for id in ids {
        let events = rows.filter { $0.jobID == id }
        // Numbered 1, 2, 3, ... with no gap (the endpoint hears every type).
        #expect(events.map(\.sequence) == Array(1...Int64(events.count)))
        // Arrived in sequence: each event's first acknowledgement came after the one before's.
        var firsts: [Int64] = []
        for arrival in acknowledged where arrival.jobID == id {
          if let sequence = arrival.sequence, !firsts.contains(sequence) { firsts.append(sequence) }
        }
        #expect(firsts == firsts.sorted(), "job \(id) arrived out of order: \(firsts)")
        #expect(firsts.count == events.count)
        let types = events.map(\.type)
        #expect(types.first == WebhookEventType.initiated.rawValue, "job \(id): \(types)")
        #expect(types.last == WebhookEventType.finished.rawValue, "job \(id): \(types)")
        #expect(types.filter { $0 == WebhookEventType.finished.rawValue }.count == 1)
      }
      // A job verified at the first answer announced each moment of its life.
      let first = rows.filter { $0.jobID == ids[0] }.map(\.type)
      for type in WebhookEventType.allCases where type != .held {
        #expect(first.contains(type.rawValue), "\(type) missing from \(first)")
      }
      // Wrong, then right: two verdicts.
      let wrongOnce = rows.filter { $0.jobID == ids[2] }.map(\.type)
      #expect(wrongOnce.filter { $0 == WebhookEventType.submissionVerdict.rawValue }.count == 2)
      // Returned: initiated, then finished, never asked for amounts.
      let returned = rows.filter { $0.jobID == ids[4] }.map(\.type)
      #expect(returned == ["verification.initiated", "verification.finished"])
      // What an event says: states, outcomes, verdicts and counts only.
      let keys = try await stack.database.run(
        "SELECT DISTINCT jsonb_object_keys(data) AS k FROM verifier.outbox"
      ).rows.map { try $0.decode("k", as: String.self) }
      #expect(
        Set(keys).isSubset(
          of: ["state", "outcome", "verdict", "attempts_remaining", "prompt_id", "prompt_kind"]),
        "\(keys)")
    }
  }
}
