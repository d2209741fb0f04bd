import Foundation
import Verification

/// The delivery side of `verifier.outbox`: claims deliveries under leases and writes back what
/// became of them. Safe to use from many daemons at once (claims skip locked rows, completions
/// present the lease token). One ``PGConnection`` of its own, so deliveries never queue behind
/// the verification flow's statements.
public struct OutboxStore: Sendable {
  /// The connection statements run on.
  public let connection: PGConnection
  /// This daemon instance's name, stamped as lease owner and on alert events.
  public let instance: String

  /// How the `alert` event of a delivery given up on begins (`webhook <type> to <endpoint> is
  /// dead: ...`): the status page lists those under dead deliveries, not with parked jobs.
  public static let deadAlertPrefix = "webhook "

  /// Creates a store.
  public init(connection: PGConnection, instance: String) {
    self.connection = connection
    self.instance = instance
  }

  /// Claims up to `limit` due deliveries for `endpoints`, oldest due first. A delivery is due
  /// when no earlier event of the same job for the same endpoint is still pending (being
  /// retried, or in flight), so each job's events arrive in sequence while other jobs never wait.
  /// A leased delivery is not due until its lease runs out: an abandoned delivery (its daemon
  /// killed) is due again then, with the same event id. The claim writes only columns no index
  /// holds (the lease, the attempt count), so it can be a HOT update that adds no index entry.
  public func claim(endpoints: [String], limit: Int, leaseDuration: Duration) async throws
    -> [OutboxDelivery]
  {
    guard !endpoints.isEmpty, limit > 0 else { return [] }
    let result = try await connection.query(
      Self.claimSQL, [PGArray(endpoints), limit, instance, leaseDuration],
      operation: "claim webhook deliveries")
    return try result.rows.map(OutboxDelivery.init(row:))
  }

  /// What a completion wrote.
  public struct Written: Sendable, Equatable {
    /// The deliveries whose leases still held.
    public var ids: Set<Int64>
    /// Whether a delivery it settled (acknowledged or dead) had a later event of its job
    /// waiting for the same endpoint, which is due now.
    public var unblocked: Bool
  }

  /// Writes back `completions` whose leases still hold; a dead delivery also leaves an `alert`
  /// event on its job (when the job is still there).
  @discardableResult
  public func complete(_ completions: [OutboxCompletion]) async throws -> Written {
    guard !completions.isEmpty else { return Written(ids: [], unblocked: false) }
    let result = try await connection.query(
      Self.completeSQL,
      [
        PGArray(completions.map(\.delivery.id)), PGArray(completions.map(\.delivery.token)),
        PGArray(completions.map(\.status.rawValue)),
        PGArray(completions.map(\.retryAfter.seconds)),
        PGArray(completions.map(\.httpStatus)), PGArray(completions.map(\.error)), instance,
      ], operation: "complete webhook deliveries")
    return Written(
      ids: Set(try result.rows.map { try $0.decode("id", as: Int64.self) }),
      unblocked: try result.rows.contains { try $0.decode("unblocked", as: Bool.self) })
  }

  static let claimSQL = """
    WITH due AS (
      SELECT o.id FROM verifier.outbox AS o
       WHERE o.status = 'pending' AND o.next_attempt_at <= now() AND o.endpoint = ANY($1::text[])
         AND (o.lease_expires_at IS NULL OR o.lease_expires_at <= now())
         AND NOT EXISTS (
               SELECT 1 FROM verifier.outbox AS earlier
                WHERE earlier.endpoint = o.endpoint AND earlier.job_id = o.job_id
                  AND earlier.sequence < o.sequence AND earlier.status = 'pending')
       ORDER BY o.next_attempt_at
       LIMIT $2
       FOR UPDATE SKIP LOCKED
    )
    UPDATE verifier.outbox AS o
       SET lease_owner = $3, lease_token = gen_random_uuid(),
           lease_expires_at = now() + $4::interval, attempts = o.attempts + 1,
           last_attempt_at = now()
      FROM due
     WHERE o.id = due.id
    RETURNING o.id, o.lease_token, o.endpoint, o.event_id, o.job_id, o.type, o.attempts,
              extract(epoch FROM now() - o.created_at)::float8 * 1000 AS age_ms,
              json_build_object(
                'id', o.event_id, 'type', o.type,
                'created_at', to_char(o.created_at AT TIME ZONE 'UTC',
                                      'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                'job_id', o.job_id, 'external_ref', o.external_ref, 'sequence', o.sequence,
                'provider', o.provider, 'data', o.data)::text AS body
    """

  static let completeSQL = """
    WITH done AS (
      UPDATE verifier.outbox AS o
         SET status = r.status,
             next_attempt_at = CASE WHEN r.status = 'pending'
                                    THEN now() + r.delay * interval '1 second'
                                    ELSE now() END,
             delivered_at = CASE WHEN r.status = 'delivered' THEN now() END,
             last_status = r.http_status, last_error = r.error,
             lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL
        FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::float8[], $5::integer[], $6::text[])
          AS r(id, token, status, delay, http_status, error)
       WHERE o.id = r.id AND o.lease_token = r.token
      RETURNING o.id, o.job_id, o.endpoint, o.sequence, o.type, o.status, o.last_error
    ), alerts AS (
      INSERT INTO verifier.events (job_id, kind, instance, message)
      SELECT d.job_id, 'alert', $7,
             left('\(Self.deadAlertPrefix)' || d.type || ' to ' || d.endpoint || ' is dead: '
                  || coalesce(d.last_error, 'no error recorded'), 300)
        FROM done AS d
       WHERE d.status = 'dead' AND EXISTS (SELECT 1 FROM verifier.jobs AS j WHERE j.id = d.job_id)
    )
    SELECT d.id, d.status <> 'pending' AND EXISTS (
             SELECT 1 FROM verifier.outbox AS later
              WHERE later.endpoint = d.endpoint AND later.job_id = d.job_id
                AND later.sequence > d.sequence AND later.status = 'pending') AS unblocked
      FROM done AS d
    """
}
