import Foundation
import JobQueue

/// What the database's clocks say about a phase's jobs (`external_ref` starting with its tag).
enum BenchReport {
  /// Lifecycles per second: jobs over first insert to last finish, and how they ended.
  static func burst(_ target: BenchTarget) async throws {
    let database = PGConnection(
      configuration: PGConfiguration(connectionString: target.databaseURL))
    let row = try await database.query(
      """
      SELECT count(*) AS jobs, count(*) FILTER (WHERE outcome = 'verified') AS verified,
             extract(epoch FROM max(finished_at) - min(created_at))::float8 AS wall
        FROM verifier.jobs WHERE customer_id LIKE $1 || '-%' AND provider = 'finicity'
      """, [target.tag], operation: "burst figures")[0]
    let (jobs, verified) = (
      try row.decode("jobs", as: Int.self), try row.decode("verified", as: Int.self)
    )
    let wall = try row.decode("wall", as: Double.self)
    print(
      "burst: \(jobs) jobs, \(verified) verified, wall \(String(format: "%.2f", wall)) s, "
        + "lifecycles/s \(String(format: "%.0f", Double(jobs) / wall))")
  }
}
