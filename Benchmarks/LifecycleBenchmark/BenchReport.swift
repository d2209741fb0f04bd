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

  /// Insert to initiation: to the commit of the initiation's intent (the `initiating` state
  /// change, written just before the call starts), and to the call's start (the initiate call's
  /// event time less its latency), each p50/p90/p99/max in milliseconds.
  static func pickup(_ target: BenchTarget) async throws {
    let database = PGConnection(
      configuration: PGConfiguration(connectionString: target.databaseURL))
    let result = try await database.query(
      """
      WITH times AS (
        SELECT j.created_at,
               (SELECT min(e.at) FROM verifier.events AS e
                 WHERE e.job_id = j.id AND e.to_state = 'initiating') AS intent,
               (SELECT min(e.at - e.latency_ms * interval '1 millisecond') FROM verifier.events AS e
                 WHERE e.job_id = j.id AND e.endpoint = 'initiate') AS call
          FROM verifier.jobs AS j
         WHERE j.customer_id LIKE $1 || '-%' AND j.provider = 'finicity'
      ), ms AS (
        SELECT extract(epoch FROM intent - created_at) * 1000 AS intent,
               extract(epoch FROM call - created_at) * 1000 AS call FROM times
      )
      SELECT 'intent' AS what, count(intent) AS n,
             percentile_cont(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY intent)::text AS p,
             max(intent)::float8 AS max FROM ms
      UNION ALL
      SELECT 'call', count(call),
             percentile_cont(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY call)::text,
             max(call)::float8 FROM ms
      """, [target.tag], operation: "pickup figures")
    for row in result.rows {
      let what = try row.decode("what", as: String.self)
      let p = try row.decode("p", as: String.self).trimmingCharacters(
        in: CharacterSet(charactersIn: "{}")
      )
      .split(separator: ",").compactMap { Double($0) }
      let max = try row.decodeIfPresent("max", as: Double.self) ?? .nan
      let figures = (p + [max]).map { String(format: "%.1f", $0) }.joined(separator: " ")
      print(
        "pickup \(what) (insert to \(what == "intent" ? "intent committed" : "call start")), ms p50 p90 p99 max: \(figures) (n \(try row.decode("n", as: Int.self)))"
      )
    }
  }
}
