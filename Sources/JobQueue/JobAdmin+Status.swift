import Foundation

extension JobAdmin {
  /// Jobs per state and provider, the oldest due job's lag, outcomes in the last hour and the
  /// daemons holding leases, in one round trip.
  public func status() async throws -> QueueStatus {
    let result = try await connection.query(
      """
      SELECT 'state' AS part, provider AS a, state AS b, count(*)::bigint AS n, NULL::float8 AS x
        FROM verifier.jobs WHERE finished_at IS NULL GROUP BY provider, state
      UNION ALL
      SELECT 'due', NULL, NULL, count(*), coalesce(extract(epoch FROM now() - min(run_at)), 0)::float8
        FROM verifier.jobs WHERE finished_at IS NULL AND run_at <= now()
      UNION ALL
      SELECT 'outcome', outcome, NULL, count(*), NULL
        FROM verifier.jobs WHERE finished_at > now() - interval '1 hour' GROUP BY outcome
      UNION ALL
      SELECT 'lease', lease_owner, NULL, count(*), count(*) FILTER (WHERE lease_expires_at <= now())::float8
        FROM verifier.jobs WHERE finished_at IS NULL AND lease_owner IS NOT NULL GROUP BY lease_owner
      """, operation: "read status")
    var status = QueueStatus(
      states: [], dueNow: 0, oldestDueLagSeconds: 0, outcomesLastHour: [], leaseHolders: [])
    for row in result.rows {
      let count = try row.decode("n", as: Int.self)
      switch try row.decode("part", as: String.self) {
      case "state":
        status.states.append(
          .init(provider: try row.decode("a"), state: try row.decode("b"), count: count))
      case "due":
        status.dueNow = count
        status.oldestDueLagSeconds = max(0, try row.decode("x", as: Double.self))
      case "outcome":
        status.outcomesLastHour.append(
          .init(outcome: try row.decodeIfPresent("a") ?? "none", count: count))
      default:
        status.leaseHolders.append(
          .init(
            instance: try row.decode("a"), leases: count,
            expired: Int(try row.decode("x", as: Double.self))))
      }
    }
    status.states.sort { ($0.provider, $0.state) < ($1.provider, $1.state) }
    status.outcomesLastHour.sort { $0.outcome < $1.outcome }
    status.leaseHolders.sort { $0.instance < $1.instance }
    status.rateLimits = try await rateLimits()
    return status
  }

  /// Each provider's fleet rate limit row.
  public func rateLimits() async throws -> [RateLimitStatus] {
    let result = try await connection.query(
      """
      SELECT provider, configured_rate, rate, pause_cause, granted_total, refused_total, pauses_total,
             greatest(0, coalesce(extract(epoch FROM paused_until - clock_timestamp()), 0))::float8
               AS paused_for
        FROM verifier.rate_limits ORDER BY provider
      """, operation: "read rate limits")
    return try result.rows.map { row in
      RateLimitStatus(
        provider: try row.decode("provider"), configuredRate: try row.decode("configured_rate"),
        currentRate: try row.decode("rate"), pausedForSeconds: try row.decode("paused_for"),
        lastPauseCause: try row.decodeIfPresent("pause_cause"),
        granted: try row.decode("granted_total"), refused: try row.decode("refused_total"),
        pauses: try row.decode("pauses_total"))
    }
  }

  /// One job and its event history, or `nil` when there is no such job.
  public func job(id: Int64) async throws -> JobDetail? {
    try await connection.withSession { session in
      let jobs = try session.query(
        """
        SELECT id, provider, state, external_ref, customer_id, account_last4, bank_link_oid,
               provider_account_id, attempts_remaining, outcome, provider_code, provider_message,
               run_at, lease_owner, lease_expires_at, created_at, finished_at, policy_rule
          FROM verifier.jobs WHERE id = $1
        """, [id], operation: "read job")
      guard jobs.count == 1 else { return nil }
      let row = jobs[0]
      let events = try session.query(
        """
        SELECT at, kind, from_state, to_state, provider, endpoint, http_status, provider_code,
               latency_ms, instance, message
          FROM verifier.events WHERE job_id = $1 ORDER BY id
        """, [id], operation: "read job events")
      return JobDetail(
        id: try row.decode("id"), provider: try row.decode("provider"),
        state: try row.decode("state"),
        externalRef: try row.decodeIfPresent("external_ref"),
        customerID: try row.decodeIfPresent("customer_id"),
        accountLast4: try row.decodeIfPresent("account_last4"),
        bankLinkOID: try row.decodeIfPresent("bank_link_oid"),
        providerAccountID: try row.decodeIfPresent("provider_account_id"),
        attemptsRemaining: try row.decodeIfPresent("attempts_remaining"),
        outcome: try row.decodeIfPresent("outcome"),
        providerCode: try row.decodeIfPresent("provider_code"),
        providerMessage: try row.decodeIfPresent("provider_message"),
        runAt: try row.decode("run_at"),
        leaseOwner: try row.decodeIfPresent("lease_owner"),
        leaseExpiresAt: try row.decodeIfPresent("lease_expires_at"),
        createdAt: try row.decode("created_at"), finishedAt: try row.decodeIfPresent("finished_at"),
        events: try events.rows.map { event in
          JobDetail.HistoryEntry(
            at: try event.decode("at"), instance: try event.decodeIfPresent("instance"),
            event: JobEvent(
              kind: try event.decode("kind"), fromState: try event.decodeIfPresent("from_state"),
              toState: try event.decodeIfPresent("to_state"),
              provider: try event.decodeIfPresent("provider"),
              endpoint: try event.decodeIfPresent("endpoint"),
              httpStatus: try event.decodeIfPresent("http_status"),
              providerCode: try event.decodeIfPresent("provider_code"),
              latencyMilliseconds: try event.decodeIfPresent("latency_ms"),
              message: try event.decodeIfPresent("message")))
        }, policyRule: try row.decodeIfPresent("policy_rule"))
    }
  }
}
