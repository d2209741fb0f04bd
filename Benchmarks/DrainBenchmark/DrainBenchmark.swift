import Foundation
import JobQueue
import Verification

/// Measures how fast daemons drain due jobs from `verifier.jobs`: claim a batch under a lease
/// (with the jobs' open submissions, as the daemon does), commit every job finished `verified`
/// through the daemon's own write-back (`JobStore.apply`; the state write only, no events or
/// notification, the same work as the peer's drain), until nothing is due.
///
/// Each worker drains in one of two shapes, and both are measured, one after the other, on the
/// same freshly enqueued jobs:
/// - `serial`: one connection; claim, write back, claim again.
/// - `daemon`: the shape of one `verifierd run`, which claims on its `verifierd.control`
///   connection while its `verifierd.write` connection commits what the runners decided. The
///   worker claims the next batch while the previous one is written back, one batch of each in
///   flight.
///
/// Prints one line per shape: `verifierd drain (<shape>): <jobs/s> jobs/s (N=<n>, workers=<w>,
/// batch=<b>)`.
///
/// Usage: `drain-benchmark DATABASE_URL [N] [workers] [batch]`. It migrates the database and
/// empties `verifier.jobs` first: point it at a throwaway database only.
@main
struct DrainBenchmark {
  enum Shape: String, CaseIterable {
    case serial
    case daemon
  }

  static func main() async throws {
    let arguments = CommandLine.arguments
    guard arguments.count >= 2 else {
      FileHandle.standardError.write(
        Data("usage: drain-benchmark DATABASE_URL [N] [workers] [batch]\n".utf8))
      exit(64)
    }
    let configuration = PGConfiguration(connectionString: arguments[1])
    let count = arguments.count > 2 ? Int(arguments[2]) ?? 20_000 : 20_000
    let workers = arguments.count > 3 ? Int(arguments[3]) ?? 4 : 4
    let batch = arguments.count > 4 ? Int(arguments[4]) ?? 100 : 100

    let setup = PGConnection(configuration: configuration)
    try await Migrator(connection: setup).migrate()
    for shape in Shape.allCases {
      try await enqueue(count, on: setup)
      let clock = ContinuousClock()
      let began = clock.now
      let drained = try await withThrowingTaskGroup(of: Int.self) { group in
        for worker in 0..<workers {
          group.addTask {
            try await drain(
              shape, configuration: configuration, instance: "bench-\(worker)", batch: batch)
          }
        }
        var total = 0
        for try await done in group { total += done }
        return total
      }
      let elapsed = clock.now - began
      let seconds =
        Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
      guard drained == count else {
        FileHandle.standardError.write(Data("drained \(drained) of \(count) jobs\n".utf8))
        exit(1)
      }
      print(
        "verifierd drain (\(shape.rawValue)): \(Int(Double(count) / seconds)) jobs/s"
          + " (N=\(count), workers=\(workers), batch=\(batch))")
    }
  }

  /// Empties the table and enqueues `count` due Folio jobs, then analyzes it.
  static func enqueue(_ count: Int, on setup: PGConnection) async throws {
    try await setup.query("TRUNCATE verifier.jobs CASCADE", operation: "empty jobs")
    for start in stride(from: 0, to: count, by: 1000) {
      try await setup.query(
        """
        INSERT INTO verifier.jobs (provider, folio_account_number, bank_link_oid, owner_login_id)
        SELECT 'folio', 'F' || g, 'BL' || g, 'owner' FROM generate_series($1::int, $2::int) AS g
        """, [start + 1, min(start + 1000, count)], operation: "enqueue")
    }
    try await setup.query("VACUUM ANALYZE verifier.jobs", operation: "analyze")
  }

  /// One worker's drain in `shape`; returns the jobs it finished.
  static func drain(
    _ shape: Shape, configuration: PGConfiguration, instance: String, batch: Int
  ) async throws -> Int {
    let claims = JobStore(
      connection: PGConnection(configuration: configuration), instance: instance)
    let writes =
      shape == .serial
      ? claims
      : JobStore(connection: PGConnection(configuration: configuration), instance: instance)
    var done = 0
    var writing: Task<Int, Error>?
    while true {
      let jobs = try await claims.claim(limit: batch, leaseDuration: .seconds(60))
      if let writing { done += try await writing.value }
      writing = nil
      if jobs.isEmpty { return done }
      let commits = jobs.compactMap { finish($0, now: .now) }
      switch shape {
      case .serial: done += try await writes.apply(commits).count
      case .daemon: writing = Task { try await writes.apply(commits).count }
      }
    }
  }

  /// The commit that finishes `job` as `verified` (its state write alone).
  static func finish(_ job: ClaimedJob, now: Timestamp) -> JobCommit? {
    guard var snapshot = job.snapshot else { return nil }
    snapshot.state = .verified
    snapshot.outcome = .verified
    let writes: [DecisionWrite] = [
      .state(StateWrite(job: snapshot, schedule: .finished, clearAccountNumber: false))
    ]
    return JobCommit(
      lease: job.lease, decision: Decision(job: snapshot, writes: writes), now: now,
      storedData: job.snapshot?.data)
  }
}
