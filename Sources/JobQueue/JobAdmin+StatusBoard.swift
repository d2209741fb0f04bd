import Foundation
import Verification

extension JobAdmin {
  /// Reads the status page's board for the last `period` (the database's clock): the queue
  /// now, the funnel of the jobs enqueued in the period, the period by hour, the webhook backlog
  /// and the alerts. Every statement reads through an index (the jobs' BRIN index on
  /// `created_at`, the partial index on `finished_at`, the events' BRIN index on `at`, the live
  /// jobs' `run_at` index for held jobs); the webhook backlog and dead deliveries are read by
  /// scans of the outbox, which `verifierd webhooks prune` keeps short.
  public func statusBoard(period: Duration = .seconds(86_400)) async throws -> StatusBoard {
    let clock = try await connection.query(
      """
      SELECT now() AS now, now() - make_interval(secs => $1) AS since,
             (SELECT count(*) FROM verifier.jobs
               WHERE finished_at IS NULL AND run_at <= now() - make_interval(secs => $2))::bigint
               AS overdue
      """,
      [Double(period.components.seconds), Double(StatusBoard.overdueAfter.components.seconds)],
      operation: "read status board")
    let (now, since, overdue): (Date, Date, Int) = (
      try clock[0].decode("now"), try clock[0].decode("since"), try clock[0].decode("overdue")
    )
    let queue = try await status()
    var hours = Self.hours(from: since, to: now)
    let funnel = try await cohort(since: since, hours: &hours)
    try await outcomesAndCalls(since: since, hours: &hours)
    let (alerts, leftOff) = try await alerts(since: since)
    return StatusBoard(
      readAt: now, since: since, queue: queue, overdue: overdue,
      funnel: funnel, hours: hours,
      webhooks: try await OutboxAdmin(connection: connection).status(), alerts: alerts,
      alertsLeftOff: leftOff)
  }

  /// One empty hour for each hour from `from`'s to `to`'s (UTC hours).
  static func hours(from: Date, to: Date) -> [StatusBoard.Hour] {
    let first = (from.timeIntervalSince1970 / 3600).rounded(.down) * 3600
    return stride(from: first, through: to.timeIntervalSince1970, by: 3600).map {
      StatusBoard.Hour(start: Date(timeIntervalSince1970: $0))
    }
  }

  private static func index(of hour: Date, in hours: [StatusBoard.Hour]) -> Int? {
    hours.firstIndex { $0.start == hour }
  }

  /// The jobs enqueued since `since`: how far each went (the funnel), and how many per hour.
  /// How far is read from the period's state changes in one pass (their BRIN range), not per
  /// job: a job's events are written after its insert, so those of a job enqueued since `since`
  /// are all at or after it.
  private func cohort(since: Date, hours: inout [StatusBoard.Hour]) async throws
    -> StatusBoard.Funnel
  {
    let result = try await connection.query(
      """
      WITH reached AS (
        SELECT e.job_id, bool_or(e.to_state = 'awaiting_amounts') AS settled
          FROM verifier.events AS e
         WHERE e.kind = 'state_change' AND e.to_state IN ('pending', 'awaiting_amounts')
           AND e.at >= $1
         GROUP BY e.job_id
      )
      SELECT date_trunc('hour', j.created_at) AS hour, j.state, j.outcome,
             r.job_id IS NOT NULL AS initiated, coalesce(r.settled, false) AS settled,
             count(*)::bigint AS n
        FROM verifier.jobs AS j LEFT JOIN reached AS r ON r.job_id = j.id
       WHERE j.created_at >= $1
       GROUP BY 1, 2, 3, 4, 5
      """, [since], operation: "read status board")
    var groups: [StatusBoard.Funnel.Reach] = []
    for row in result.rows {
      let count: Int = try row.decode("n")
      if let at = Self.index(of: try row.decode("hour"), in: hours) {
        hours[at].enqueued += count
      }
      groups.append(
        .init(
          initiated: try row.decode("initiated"), settled: try row.decode("settled"),
          outcome: try row.decodeIfPresent("outcome"), state: try row.decode("state"),
          count: count))
    }
    return StatusBoard.Funnel(groups)
  }

  /// Outcomes per hour of the jobs finished since `since`, and the provider calls per hour.
  private func outcomesAndCalls(since: Date, hours: inout [StatusBoard.Hour]) async throws {
    let throttled =
      "("
      + CallSummary.throttledPrefixes.map { "e.message LIKE '\($0)%'" }.joined(separator: " OR ")
      + ")"
    let failed =
      "(e.message LIKE '\(CallSummary.retryLater)%' OR e.message LIKE '\(CallSummary.permanentFailure)%')"
    let result = try await connection.query(
      """
      SELECT 'outcome' AS part, date_trunc('hour', finished_at) AS hour,
             coalesce(outcome, 'none') AS outcome, count(*)::bigint AS n, 0::bigint AS throttled,
             0::bigint AS errors
        FROM verifier.jobs WHERE finished_at >= $1 GROUP BY 2, 3
      UNION ALL
      SELECT 'calls', date_trunc('hour', e.at), NULL, count(*),
             count(*) FILTER (WHERE \(throttled)),
             count(*) FILTER (WHERE \(failed) AND NOT \(throttled))
        FROM verifier.events AS e WHERE e.kind = 'provider_call' AND e.at >= $1 GROUP BY 2
      """, [since], operation: "read status board")
    for row in result.rows {
      guard let at = Self.index(of: try row.decode("hour"), in: hours) else { continue }
      if try row.decode("part", as: String.self) == "outcome" {
        hours[at].outcomes[try row.decode("outcome"), default: 0] += try row.decode("n")
      } else {
        hours[at].calls += try row.decode("n")
        hours[at].throttled += try row.decode("throttled")
        hours[at].errors += try row.decode("errors")
      }
    }
  }

  /// Alert events and fraud-rule hits since `since`, held jobs and dead webhook deliveries:
  /// the newest ``StatusBoard/alertLimit`` of each kind, and how many more there are.
  private func alerts(since: Date) async throws -> (
    [StatusBoard.Alert], [StatusBoard.Alert.Kind: Int]
  ) {
    let limit = StatusBoard.alertLimit
    let result = try await connection.query(
      """
      (SELECT 'parked' AS kind, e.job_id, e.at, coalesce(e.provider_code, '') AS subject,
              coalesce(e.message, '') AS detail, j.finished_at IS NULL AS live,
              count(*) OVER ()::bigint AS total
         FROM verifier.events AS e JOIN verifier.jobs AS j ON j.id = e.job_id
        WHERE e.kind = 'alert' AND e.at >= $1
          AND NOT (e.from_state IS NULL AND e.provider IS NULL
                   AND coalesce(e.message, '') LIKE '\(OutboxStore.deadAlertPrefix)%')
        ORDER BY e.id DESC LIMIT \(limit))
      UNION ALL
      (SELECT 'policy_hit', e.job_id, e.at, coalesce(e.provider_code, ''), coalesce(e.message, ''),
              j.finished_at IS NULL, count(*) OVER ()
         FROM verifier.events AS e JOIN verifier.jobs AS j ON j.id = e.job_id
        WHERE e.kind = 'policy_hit' AND e.at >= $1 ORDER BY e.id DESC LIMIT \(limit))
      UNION ALL
      (SELECT 'held', id, updated_at, coalesce(policy_rule, ''), '', true, count(*) OVER ()
         FROM verifier.jobs
        WHERE finished_at IS NULL AND run_at >= $2 AND state = 'held'
        ORDER BY id DESC LIMIT \(limit))
      UNION ALL
      (SELECT 'dead_webhook', o.job_id, coalesce(o.last_attempt_at, o.created_at), o.endpoint,
              o.type || ' after ' || o.attempts || ' attempts'
                || coalesce(': ' || o.last_error, ''),
              EXISTS (SELECT 1 FROM verifier.jobs AS j WHERE j.id = o.job_id AND j.finished_at IS NULL),
              count(*) OVER ()
         FROM verifier.outbox AS o WHERE o.status = 'dead' ORDER BY o.id DESC LIMIT \(limit))
      """, [since, VerificationMachine.heldUntilReleased.date], operation: "read status board")
    var alerts: [StatusBoard.Alert] = []
    var leftOff: [StatusBoard.Alert.Kind: Int] = [:]
    for row in result.rows {
      guard let kind = StatusBoard.Alert.Kind(rawValue: try row.decode("kind")) else { continue }
      alerts.append(
        .init(
          kind: kind, jobID: try row.decode("job_id"), at: try row.decode("at"),
          subject: try row.decode("subject"), detail: try row.decode("detail"),
          live: try row.decode("live")))
      leftOff[kind] = max(0, try row.decode("total", as: Int.self) - limit)
    }
    alerts.sort { ($0.kind, $1.at) < ($1.kind, $0.at) }
    return (alerts, leftOff.filter { $0.value > 0 })
  }
}
