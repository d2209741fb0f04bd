import DemoSupport
import Foundation
import JobQueue
import Synchronization

/// The application's webhook side: watches what the sandbox's receiver acknowledged (the daemon's
/// signed deliveries), answers `verification.prompt_due` for the jobs that hear by webhook, and
/// at the end checks every delivery: each event acknowledged once, in sequence per job, every
/// signature valid.
final class DemoWebhookCustomer: Sendable {
  private let database: PGConnection
  private let sandbox: SandboxControl
  private let customer: DemoCustomer
  private let seen = Mutex<Set<String>>([])

  init(database: PGConnection, sandbox: SandboxControl, customer: DemoCustomer) {
    self.database = database
    self.sandbox = sandbox
    self.customer = customer
  }

  /// One delivery the receiver took.
  struct Arrival {
    var signature: String
    var fault: String?
    var eventID: String?
    var type: String?
    var jobID: Int64?
    var sequence: Int64?
  }

  func arrivals() async throws -> [Arrival] {
    let list = try await sandbox.call("GET", "/_sandbox/webhooks")["arrivals"] as? [[String: Any]]
    return (list ?? []).map {
      Arrival(
        signature: $0["signature"] as? String ?? "", fault: $0["fault"] as? String,
        eventID: $0["eventId"] as? String, type: $0["type"] as? String,
        jobID: ($0["jobId"] as? NSNumber)?.int64Value,
        sequence: ($0["sequence"] as? NSNumber)?.int64Value)
    }
  }

  /// Answers the prompts newly acknowledged since the last look.
  func poll() async throws {
    let fresh = try await arrivals().filter {
      $0.fault == nil && $0.signature == "valid" && $0.type == "verification.prompt_due"
    }.compactMap(\.eventID)
    let new = seen.withLock { seen in
      let new = fresh.filter { !seen.contains($0) }
      seen.formUnion(new)
      return new
    }
    for id in new {
      // What the event says (its prompt and kind), as the body carried it.
      let row = try await database.query(
        """
        SELECT job_id, external_ref, (data->>'prompt_id')::bigint AS prompt, data->>'prompt_kind' AS kind
          FROM verifier.outbox WHERE event_id = $1::uuid LIMIT 1
        """, [id], operation: "read event")
      guard let event = row.rows.first else { continue }
      let job: Int64 = try event.decode("job_id")
      guard DemoCustomer.hearsByWebhook(job) else { continue }
      customer.prompted(
        job: job, prompt: try event.decode("prompt"), kind: try event.decode("kind"),
        ref: try event.decodeIfPresent("external_ref") ?? "", byWebhook: true)
    }
  }

  /// Waits (bounded) for the outbox to empty, then prints what arrived and returns the problems.
  func report(within limit: Duration = .seconds(30)) async throws -> Int {
    let clock = ContinuousClock()
    let end = clock.now + limit
    var pending = 0
    repeat {
      pending = try await database.query(
        "SELECT count(*) AS n FROM verifier.outbox WHERE status = 'pending'",
        operation: "count pending")[0].decode("n")
      if pending > 0 { try await Task.sleep(for: .milliseconds(200)) }
    } while pending > 0 && clock.now < end
    let events = try await database.query(
      "SELECT type, count(*) AS n FROM verifier.outbox GROUP BY type ORDER BY type",
      operation: "count events")
    let arrivals = try await arrivals()
    let acknowledged = arrivals.filter { $0.fault == nil && $0.signature == "valid" }
    let ids = acknowledged.compactMap(\.eventID)
    var outOfOrder = 0
    var last: [Int64: Int64] = [:]
    // In order: each event's first acknowledgement after the one before's, per job.
    var first: Set<String> = []
    for arrival in acknowledged {
      guard let id = arrival.eventID, first.insert(id).inserted, let job = arrival.jobID,
        let sequence = arrival.sequence
      else { continue }
      if let previous = last[job], sequence < previous { outOfOrder += 1 }
      last[job] = sequence
    }
    let invalid = arrivals.filter { $0.signature != "valid" }.count
    let duplicates = ids.count - Set(ids).count
    // At least once: an answer that came after the daemon's timeout is acknowledged again on the
    // retry, so an event may arrive twice, but never more often than it was sent.
    let acks = Dictionary(ids.map { ($0, 1) }, uniquingKeysWith: +)
    var overSent = 0
    for row in try await database.query(
      "SELECT event_id::text AS id, attempts FROM verifier.outbox", operation: "read attempts"
    ).rows {
      let id: String = try row.decode("id")
      if acks[id, default: 0] > (try row.decode("attempts", as: Int.self)) { overSent += 1 }
    }
    let heard = customer.heard.withLock { $0 }
    print("\nwebhooks (the sandbox's receiver, failing 10 % of deliveries with 503)")
    for row in events.rows {
      print("  \(try row.decode("type", as: String.self)): \(try row.decode("n", as: Int.self))")
    }
    print(
      "  \(arrivals.count) POSTs: \(acknowledged.count) acknowledged, "
        + "\(arrivals.count - acknowledged.count) failed and retried; "
        + "\(invalid) bad signatures, \(duplicates) acknowledged again after a timed-out attempt, "
        + "\(overSent) acknowledged more often than sent, \(outOfOrder) out of order, "
        + "\(pending) still pending")
    print(
      "  prompts answered: \(heard.notify) heard by LISTEN, \(heard.webhook) heard by webhook")
    return invalid + overSent + outOfOrder + pending + (heard.webhook == 0 ? 1 : 0)
  }
}
