import Foundation
import JobQueue

/// Reads the demo's results from `verifier.jobs` and `verifier.events` and prints them.
struct DemoReport {
  let database: PGConnection

  /// Live jobs per state and finished jobs, as one progress line.
  func progress(total: Int, elapsed: Duration) async throws -> (line: String, finished: Int) {
    let rows = try await database.query(
      "SELECT state, count(*) AS n, bool_or(finished_at IS NOT NULL) AS done FROM verifier.jobs GROUP BY state",
      operation: "progress")
    var live: [String: Int] = [:]
    var finished = 0
    for row in rows.rows {
      let n: Int = try row.decode("n")
      if try row.decode("done", as: Bool.self) {
        finished += n
      } else {
        live[try row.decode("state")] = n
      }
    }
    let states = ["queued", "initiating", "pending", "awaiting_amounts", "verifying"]
    let parts = states.map { "\($0) \(live[$0] ?? 0)" }.joined(separator: "  ")
    let seconds = String(
      format: "%5.1f",
      Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    return ("[\(seconds)s] \(parts)  | finished \(finished)/\(total)", finished)
  }

  /// Prints outcomes against expectations per case; returns how many jobs ended unexpectedly.
  func outcomes() async throws -> Int {
    let rows = try await database.query(
      """
      SELECT split_part(external_ref, ':', 1)::int AS c, coalesce(outcome, state) AS o, count(*) AS n
        FROM verifier.jobs GROUP BY 1, 2 ORDER BY 1, 2
      """, operation: "outcomes")
    var byCase: [Int: [String: Int]] = [:]
    for row in rows.rows {
      byCase[try row.decode("c"), default: [:]][try row.decode("o")] = try row.decode("n")
    }
    print("")
    print(
      pad("input", 26) + pad("expected", 20) + pad("jobs", 6) + pad("as expected", 13)
        + "other outcomes")
    print(String(repeating: "-", count: 90))
    var unexpected = 0
    for (index, item) in DemoScenario.cases.enumerated() {
      let counts = byCase[index] ?? [:]
      let total = counts.values.reduce(0, +)
      let good = counts[item.expected] ?? 0
      let others = counts.filter { $0.key != item.expected }.map { "\($0.key) \($0.value)" }
      unexpected += total - good
      print(
        pad(item.name, 26) + pad(item.expected, 20) + pad("\(total)", 6) + pad("\(good)", 13)
          + (others.isEmpty ? "-" : others.sorted().joined(separator: ", ")))
    }
    return unexpected
  }

  /// Prints throughput and the median and 95th percentile time per stage.
  func stages() async throws {
    let span = try await database.query(
      """
      SELECT count(*) AS n, extract(epoch FROM max(finished_at) - min(created_at))::float8 AS s
        FROM verifier.jobs WHERE finished_at IS NOT NULL
      """, operation: "throughput")
    let finished: Int = try span[0].decode("n")
    let seconds = (try span[0].decodeIfPresent("s", as: Double.self)) ?? 0
    print("")
    print(
      String(
        format: "throughput: %d jobs finished in %.1f s (%.1f jobs/s, first insert to last finish)",
        finished, seconds, seconds > 0 ? Double(finished) / seconds : 0))
    let calls = try await database.query(
      """
      SELECT count(*) AS n, extract(epoch FROM max(at) - min(at))::float8 AS s,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms)::float8 AS p50
        FROM verifier.events WHERE kind = 'provider_call'
      """, operation: "provider calls")
    let callCount: Int = try calls[0].decode("n")
    let callSeconds = (try calls[0].decodeIfPresent("s", as: Double.self)) ?? 0
    print(
      String(
        format:
          "provider calls: %d in %.1f s (%.1f calls/s), median latency seen by the daemon %.0f ms",
        callCount, callSeconds, callSeconds > 0 ? Double(callCount) / callSeconds : 0,
        (try calls[0].decodeIfPresent("p50", as: Double.self)) ?? 0))
    let rows = try await database.query(Self.stagesSQL, operation: "stages")
    print("")
    print(pad("stage", 44) + pad("jobs", 6) + pad("median s", 10) + "p95 s")
    print(String(repeating: "-", count: 70))
    for row in rows.rows {
      print(
        pad(try row.decode("stage"), 44) + pad("\(try row.decode("n", as: Int.self))", 6)
          + pad(String(format: "%.3f", try row.decode("p50", as: Double.self)), 10)
          + String(format: "%.3f", try row.decode("p95", as: Double.self)))
    }
  }

  static let stagesSQL = """
    WITH t AS (
      SELECT j.id, j.created_at, j.finished_at, j.outcome,
             min(e.at) FILTER (WHERE e.to_state = 'pending') AS pending_at,
             min(e.at) FILTER (WHERE e.to_state = 'awaiting_amounts') AS awaiting_at,
             min(e.at) FILTER (WHERE e.to_state = 'verifying') AS verifying_at
        FROM verifier.jobs j LEFT JOIN verifier.events e ON e.job_id = j.id AND e.kind = 'state_change'
       GROUP BY j.id
    ), d AS (
      SELECT 1 AS k, 'insert -> initiated (pending)' AS stage, pending_at - created_at AS s FROM t
      UNION ALL SELECT 2, 'pending -> deposits settled (awaiting)', awaiting_at - pending_at FROM t
      UNION ALL SELECT 3, 'awaiting -> first submission sent', verifying_at - awaiting_at FROM t
      UNION ALL SELECT 4, 'awaiting -> verified', finished_at - awaiting_at FROM t WHERE outcome = 'verified'
      UNION ALL SELECT 5, 'insert -> verified', finished_at - created_at FROM t WHERE outcome = 'verified'
      UNION ALL SELECT 6, 'insert -> finished (any outcome)', finished_at - created_at FROM t
    )
    SELECT stage, count(*) AS n,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s))::float8 AS p50,
           percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM s))::float8 AS p95
      FROM d WHERE s IS NOT NULL GROUP BY k, stage ORDER BY k
    """

  private func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
  }
}
