import Foundation
import Verification

/// The daemon's side of `verifier.jobs`: claim due jobs under leases, write results back guarded
/// by the lease token, renew and release leases. Safe to use from many daemons at once; each
/// ``JobStore`` uses one ``PGConnection`` (one serial queue), so give each concurrent worker its own.
public struct JobStore: Sendable {
  /// The connection statements run on.
  public let connection: PGConnection
  /// This daemon instance's name, stamped as lease owner and on events.
  public let instance: String
  /// The webhook endpoints that hear each event: the write-back and the prompt sweep append
  /// their outbox rows (none by default).
  public let subscriptions: OutboxSubscriptions

  /// Creates a store.
  public init(
    connection: PGConnection, instance: String, subscriptions: OutboxSubscriptions = .none
  ) {
    self.connection = connection
    self.instance = instance
    self.subscriptions = subscriptions
  }

  /// Claims up to `limit` due jobs, oldest due first, with their open submissions and, for
  /// queued Finicity jobs not yet released, the counts `screening`'s rules need, in one statement.
  ///
  /// `FOR UPDATE SKIP LOCKED` picks rows no other claimer holds; the `UPDATE ... RETURNING`
  /// stamps this instance as owner, a fresh token and an expiry, and moves `run_at` to the expiry,
  /// so a job whose lease runs out is simply due again and the next claim rescues it (recording a
  /// `lease_rescued` event).
  public func claim(
    limit: Int, leaseDuration: Duration, screening: FraudPolicy = .off
  ) async throws -> [ClaimedJob] {
    let windows: [(any PGEncodable)?] = FraudRule.allCases.map {
      screening.countingWindow(for: $0)
    }
    let result = try await connection.query(
      Self.claimSQL, [limit, instance, leaseDuration] + windows, operation: "claim jobs")
    return try result.rows.map(ClaimedJob.init(row:))
  }

  /// Parks a job this build cannot read: state unchanged, due again at `parking.runAt`, the lease
  /// released, one `alert` event. Returns whether the lease still held.
  @discardableResult
  public func park(_ job: ClaimedJob, _ parking: Parking) async throws -> Bool {
    let result = try await connection.query(
      """
      WITH parked AS (
        UPDATE verifier.jobs
           SET run_at = $3, lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL,
               updated_at = now()
         WHERE id = $1 AND lease_token = $2
        RETURNING id, state
      )
      INSERT INTO verifier.events (job_id, kind, from_state, to_state, instance, message)
      SELECT id, 'alert', state, state, $4, $5 FROM parked
      """, [job.id, job.lease.token, parking.runAt.date, instance, parking.message],
      operation: "park job")
    return result.affectedRows == 1
  }

  /// Extends the given leases; returns the leases still held (a lease taken over is missing).
  public func renew(_ leases: [Lease], by duration: Duration) async throws -> Set<Lease> {
    guard !leases.isEmpty else { return [] }
    let result = try await connection.query(
      """
      UPDATE verifier.jobs AS j
         SET lease_expires_at = now() + $3::interval, run_at = now() + $3::interval
        FROM unnest($1::bigint[], $2::uuid[]) AS l(id, token)
       WHERE j.id = l.id AND j.lease_token = l.token AND j.finished_at IS NULL
      RETURNING j.id, j.lease_token
      """,
      [PGArray(leases.map(\.jobID)), PGArray(leases.map(\.token)), duration],
      operation: "renew leases")
    return try Self.leases(result)
  }

  /// Of `leases` (ones a renewal did not find), how many jobs another daemon holds now: an
  /// unfinished job under a lease that is not ours. A lease our own write-back released or
  /// finished while the renewal ran is not counted: the job was not lost, it was done.
  public func takenOver(_ leases: [Lease]) async throws -> Int {
    guard !leases.isEmpty else { return 0 }
    let result = try await connection.query(
      """
      SELECT count(*)::bigint AS n
        FROM verifier.jobs AS j JOIN unnest($1::bigint[], $2::uuid[]) AS l(id, token) ON j.id = l.id
       WHERE j.finished_at IS NULL AND j.lease_token IS NOT NULL AND j.lease_token <> l.token
         AND j.lease_owner IS DISTINCT FROM $3
      """,
      [PGArray(leases.map(\.jobID)), PGArray(leases.map(\.token)), instance],
      operation: "count leases taken over")
    return try result[0].decode("n", as: Int.self)
  }

  /// Gives jobs back without changing their state, due at once (a draining daemon's in-flight
  /// work, so another daemon takes it over immediately). Returns the leases released.
  @discardableResult
  public func release(_ leases: [Lease]) async throws -> Set<Lease> {
    guard !leases.isEmpty else { return [] }
    let result = try await connection.query(
      """
      UPDATE verifier.jobs AS j
         SET lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL, run_at = now(),
             updated_at = now()
        FROM unnest($1::bigint[], $2::uuid[]) AS l(id, token)
       WHERE j.id = l.id AND j.lease_token = l.token
      RETURNING j.id, l.token AS lease_token
      """,
      [PGArray(leases.map(\.jobID)), PGArray(leases.map(\.token))], operation: "release leases")
    return try Self.leases(result)
  }

  /// Due jobs and the lag of the oldest (zero when none is due): the queue's depth for metrics.
  public func dueCount() async throws -> (count: Int, oldestLag: Duration) {
    let result = try await connection.query(
      """
      SELECT count(*) AS due, coalesce(extract(epoch FROM now() - min(run_at)), 0)::float8 AS lag
        FROM verifier.jobs WHERE finished_at IS NULL AND run_at <= now()
      """, operation: "count due jobs")
    let lag = try result[0].decode("lag", as: Double.self)
    return (try result[0].decode("due"), .milliseconds(Int64(lag * 1000)))
  }

  static func leases(_ result: PGResult) throws -> Set<Lease> {
    Set(
      try result.rows.map { Lease(jobID: try $0.decode("id"), token: try $0.decode("lease_token")) }
    )
  }

  static let claimSQL = """
    WITH due AS (
      SELECT id, lease_owner AS previous_owner
        FROM verifier.jobs
       WHERE finished_at IS NULL AND run_at <= now()
       ORDER BY run_at
       LIMIT $1
       FOR UPDATE SKIP LOCKED
    ), claimed AS (
      UPDATE verifier.jobs AS j
         SET lease_owner = $2, lease_token = gen_random_uuid(),
             lease_expires_at = now() + $3::interval, run_at = now() + $3::interval,
             claim_count = j.claim_count + 1, updated_at = now()
        FROM due
       WHERE j.id = due.id
      RETURNING \(ClaimedJob.columns("j")), due.previous_owner IS NOT NULL AS rescued, due.previous_owner
    ), rescues AS (
      INSERT INTO verifier.events (job_id, kind, from_state, to_state, instance, message)
      SELECT id, 'lease_rescued', state, state, $2, 'the previous lease expired'
        FROM claimed WHERE rescued
    )
    SELECT c.*,
           (SELECT json_agg(json_build_object(
                     'id', s.id, 'status', s.status, 'first', s.amounts[1]::text,
                     'second', s.amounts[2]::text,
                     'createdMicros', floor(extract(epoch FROM s.created_at) * 1000000)::bigint)
                     ORDER BY s.id)::text
              FROM verifier.amount_submissions AS s
             WHERE s.job_id = c.id AND s.status IN ('pending', 'submitting')) AS open_submissions,
           screen.screen_customers, screen.screen_accounts, screen.screen_failures
      FROM claimed AS c
      LEFT JOIN LATERAL (\(screenSQL)) AS screen ON true
    """

  /// The fraud screen's counts (docs/fraud.md), for queued Finicity jobs not released: distinct
  /// customers of the account fingerprint and distinct fingerprints of the customer among jobs
  /// enqueued in the window up to this one (so a job's count does not depend on when it is
  /// claimed), and the customer's jobs that ended `attempts_exhausted` in the window. A rule whose
  /// window ($4–$6) is NULL is off and not counted. Each reads one range of a partial index, at
  /// most ``screenScanLimit`` entries of it;
  /// other rows are not counted and read NULLs.
  static let screenSQL = """
    SELECT (SELECT count(DISTINCT r.customer_id) FROM (
              SELECT o.customer_id FROM verifier.jobs AS o
               WHERE $4::interval IS NOT NULL AND o.provider = 'finicity'
                 AND o.account_key = c.account_key
                 AND o.created_at > c.created_at - $4::interval AND o.created_at <= c.created_at
               ORDER BY o.created_at DESC LIMIT \(screenScanLimit)) AS r) AS screen_customers,
           (SELECT count(DISTINCT r.account_key) FROM (
              SELECT o.account_key FROM verifier.jobs AS o
               WHERE $5::interval IS NOT NULL AND o.provider = 'finicity'
                 AND o.customer_id = c.customer_id
                 AND o.created_at > c.created_at - $5::interval AND o.created_at <= c.created_at
               ORDER BY o.created_at DESC LIMIT \(screenScanLimit)) AS r) AS screen_accounts,
           (SELECT count(*) FROM (
              SELECT 1 FROM verifier.jobs AS o
               WHERE $6::interval IS NOT NULL AND o.provider = 'finicity'
                 AND o.outcome = 'attempts_exhausted' AND o.customer_id = c.customer_id
                 AND o.finished_at > now() - $6::interval
               LIMIT \(screenScanLimit)) AS r) AS screen_failures
     WHERE c.state = 'queued' AND c.provider = 'finicity' AND c.policy_released_at IS NULL
    """

  /// The most jobs one screen count reads: the latest in the window. An application that
  /// enqueues a million jobs for one account must not make every claim of that account read a
  /// million index entries; the rules' limits are far below it.
  static let screenScanLimit = 1000
}
