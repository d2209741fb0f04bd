import Foundation
import JobQueue
import Verification

/// Measures how fast daemons drain due jobs from `verifier.jobs`: claim a batch under a lease
/// (with the jobs' open submissions, as the daemon does), commit every job finished `verified`
/// through the daemon's own write-back (`JobStore.apply`; the state write only, no events or
/// notification, the same work as the peer's drain), until nothing is due. Prints one line:
/// `verifierd drain: <jobs/s> jobs/s (N=<n>, workers=<w>, batch=<b>)`.
///
/// Usage: `drain-benchmark DATABASE_URL [N] [workers] [batch]`. It migrates the database and
/// empties `verifier.jobs` first: point it at a throwaway database only.
@main
struct DrainBenchmark {
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
    try await setup.query("TRUNCATE verifier.jobs CASCADE", operation: "empty jobs")
    for start in stride(from: 0, to: count, by: 1000) {
      try await setup.query(
        """
        INSERT INTO verifier.jobs (provider, folio_account_number, bank_link_oid, owner_login_id)
        SELECT 'folio', 'F' || g, 'BL' || g, 'owner' FROM generate_series($1::int, $2::int) AS g
        """, [start + 1, min(start + 1000, count)], operation: "enqueue")
    }
    try await setup.query("VACUUM ANALYZE verifier.jobs", operation: "analyze")

    let clock = ContinuousClock()
    let began = clock.now
    let drained = try await withThrowingTaskGroup(of: Int.self) { group in
      for worker in 0..<workers {
        group.addTask {
          let store = JobStore(
            connection: PGConnection(configuration: configuration), instance: "bench-\(worker)")
          var done = 0
          while true {
            let jobs = try await store.claim(limit: batch, leaseDuration: .seconds(60))
            if jobs.isEmpty { return done }
            let now = Timestamp.now
            let applied = try await store.apply(jobs.compactMap { Self.finish($0, now: now) })
            done += applied.count
          }
        }
      }
      var total = 0
      for try await done in group { total += done }
      return total
    }
    let elapsed = clock.now - began
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    guard drained == count else {
      FileHandle.standardError.write(Data("drained \(drained) of \(count) jobs\n".utf8))
      exit(1)
    }
    print(
      "verifierd drain: \(Int(Double(count) / seconds)) jobs/s (N=\(count), workers=\(workers), batch=\(batch))"
    )
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
