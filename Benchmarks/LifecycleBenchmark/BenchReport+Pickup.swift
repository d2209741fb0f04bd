import AsyncHTTPClient
import DemoSupport
import Foundation
import JobQueue

extension BenchReport {
  /// Insert to initiation, p50/p90/p99/max in milliseconds: to the commit of the initiation's
  /// intent (the `initiating` state change, written just before the call starts), and to the
  /// moment the sandbox took the initiate request (its `initiatedAt`): the call's start, its
  /// request sent and parsed; and between the two, per job. The insert's time is the job's `created_at` (its transaction's
  /// start); every instant is the same host's wall clock.
  static func pickup(_ target: BenchTarget) async throws {
    let database = PGConnection(
      configuration: PGConfiguration(connectionString: target.databaseURL))
    let result = try await database.query(
      """
      SELECT extract(epoch FROM j.created_at)::float8 AS created,
             (SELECT extract(epoch FROM min(e.at))::float8 FROM verifier.events AS e
               WHERE e.job_id = j.id AND e.to_state = 'initiating') AS intent,
             j.provider_account_id AS account
        FROM verifier.jobs AS j
       WHERE j.customer_id LIKE $1 || '-%' AND j.provider = 'finicity'
      """, [target.tag], operation: "pickup figures")
    let http = HTTPClient(eventLoopGroupProvider: .singleton)
    let sandbox = SandboxControl(baseURL: target.sandboxURL, http: http)
    var intent: [Double] = []
    var call: [Double] = []
    var gap: [Double] = []
    do {
      for row in result.rows {
        let created = try row.decode("created", as: Double.self)
        let committed = try row.decodeIfPresent("intent", as: Double.self)
        if let committed { intent.append((committed - created) * 1000) }
        guard let account = try row.decodeIfPresent("account", as: String.self) else { continue }
        let report = try await sandbox.call("GET", "/_sandbox/finicity/accounts/\(account)")
        guard let at = report["initiatedAt"] as? Double else { continue }
        call.append((at - created) * 1000)
        if let committed { gap.append((at - committed) * 1000) }
      }
    } catch {
      try? await http.shutdown()
      throw error
    }
    try await http.shutdown()
    print(
      "pickup intent (insert to intent committed), ms p50 p90 p99 max: "
        + "\(figures(intent)) (n \(intent.count))")
    print(
      "pickup call (insert to the sandbox taking the initiate request), ms p50 p90 p99 max: "
        + "\(figures(call)) (n \(call.count))")
    print(
      "pickup intent to call (intent committed to the sandbox taking the request), "
        + "ms p50 p90 p99 max: \(figures(gap)) (n \(gap.count))")
  }

  /// p50, p90, p99 (interpolated, as `percentile_cont`) and the maximum of `values`.
  static func figures(_ values: [Double]) -> String {
    let sorted = values.sorted()
    guard let last = sorted.last else { return "none" }
    func percentile(_ p: Double) -> Double {
      let rank = p * Double(sorted.count - 1)
      let low = Int(rank.rounded(.down))
      let high = min(low + 1, sorted.count - 1)
      return sorted[low] + (sorted[high] - sorted[low]) * (rank - Double(low))
    }
    return ([0.5, 0.9, 0.99].map(percentile) + [last]).map { String(format: "%.1f", $0) }
      .joined(separator: " ")
  }
}
