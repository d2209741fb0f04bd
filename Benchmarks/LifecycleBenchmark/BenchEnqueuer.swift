import Foundation
import JobQueue

/// Enqueues Finicity verifications by plain SQL, as an application would. Account numbers end
/// in 5000 (the sandbox's ordinary account: deposits, then the right amounts verify) after
/// `accountsFrom` + n (the sandbox refuses a second initiation for one account); customer
/// ids and `external_ref` carry the phase's tag, so phases and runs never collide.
struct BenchEnqueuer: Sendable {
  let database: PGConnection
  let tag: String
  let accountsFrom: Int

  private static let insertSQL = """
    INSERT INTO verifier.jobs (provider, customer_id, receiver_name, routing_number,
                               account_number, account_type, external_ref)
    SELECT 'finicity', $1 || '-' || g, 'Bench Customer', '021000021',
           ($4::bigint + g)::text || '5000', 'personalChecking', $1 || ':' || g
      FROM generate_series($2::bigint, $3::bigint) AS g
    """

  /// `count` jobs at once, 500 rows per statement; returns how many, in how many statements.
  func burst(_ count: Int) async throws -> (jobs: Int, statements: Int) {
    var statements = 0
    for start in stride(from: 0, to: count, by: 500) {
      try await database.query(
        Self.insertSQL, [tag, start, min(count, start + 500) - 1, accountsFrom],
        operation: "enqueue")
      statements += 1
    }
    return (count, statements)
  }

  /// One job every 1/`rate` s for `seconds`, each its own statement, on a fixed schedule (a late
  /// insert does not push the next one back); returns how many, in as many statements.
  func openLoop(rate: Double, seconds: Double) async throws -> (jobs: Int, statements: Int) {
    let clock = ContinuousClock()
    let start = clock.now
    let total = Int(rate * seconds)
    for n in 0..<total {
      try await clock.sleep(until: start + .seconds(Double(n) / rate))
      try await database.query(Self.insertSQL, [tag, n, n, accountsFrom], operation: "enqueue")
    }
    return (total, total)
  }
}
