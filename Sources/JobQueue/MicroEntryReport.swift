import Foundation

/// Micro-entry volumes for auditors and the return-rate check (docs/fraud.md), read from the
/// jobs' state changes and submissions. `verifierd prune` deletes finished jobs with their
/// history, so report a period before pruning it.
public struct MicroEntryReport: Sendable {
  /// The connection the report reads on.
  public let connection: PGConnection

  /// Creates a report reader.
  public init(connection: PGConnection) {
    self.connection = connection
  }

  /// Per UTC day and provider, the volumes of `[from, to)`, oldest first; days without any are
  /// left out.
  public func days(from: Date, to: Date) async throws -> [MicroEntryDay] {
    let result = try await connection.query(
      Self.volumesSQL(grouping: "to_char(t.at AT TIME ZONE 'UTC', 'YYYY-MM-DD')"), [from, to],
      operation: "report micro-entries")
    return try result.rows.map { row in
      MicroEntryDay(
        day: try row.decode("day"), provider: try row.decode("provider"),
        initiations: try row.decode("initiations"), returns: try row.decode("returns"),
        verified: try row.decode("verified"), failedAttempts: try row.decode("failed_attempts"),
        expired: try row.decode("expired"), held: try row.decode("held"),
        refused: try row.decode("refused"))
    }
  }

  /// Per provider, initiations and returns over the last `window`: the return rate's figures.
  public func returns(over window: Duration) async throws -> [(
    provider: String, initiations: Int, returns: Int
  )] {
    let now = Date.now
    let start = now.addingTimeInterval(-Double(window.components.seconds))
    let result = try await connection.query(
      Self.volumesSQL(grouping: "'window'"), [start, now],
      operation: "count micro-entry returns")
    return try result.rows.map {
      (try $0.decode("provider"), try $0.decode("initiations"), try $0.decode("returns"))
    }
  }

  /// The volumes of [$1, $2) grouped by `grouping` (a day, or one group) and provider: state
  /// changes from `verifier.events` (its BRIN index on `at`), wrong amounts from the submissions.
  static func volumesSQL(grouping: String) -> String {
    """
    WITH t AS (
      SELECT e.at, e.provider,
             (e.from_state = 'initiating' AND e.to_state IN ('pending', 'awaiting_amounts'))
               OR (e.provider = 'folio' AND e.from_state = 'queued'
                   AND e.to_state = 'awaiting_amounts') AS initiation,
             e.to_state IN ('returned', 'rejected') AS returned,
             e.to_state = 'verified' AS verified, false AS failed_attempt,
             e.to_state = 'expired' AS expired, e.to_state = 'held' AS held,
             e.to_state = 'refused_by_policy' AS refused
        FROM verifier.events AS e
       WHERE e.kind = 'state_change' AND e.from_state IS DISTINCT FROM e.to_state
         AND e.at >= $1 AND e.at < $2
      UNION ALL
      SELECT s.processed_at, j.provider, false, false, false, true, false, false, false
        FROM verifier.amount_submissions AS s JOIN verifier.jobs AS j ON j.id = s.job_id
       WHERE s.status IN ('mismatch', 'attempts_exhausted')
         AND s.processed_at >= $1 AND s.processed_at < $2
    )
    SELECT \(grouping) AS day, t.provider,
           count(*) FILTER (WHERE t.initiation)::bigint AS initiations,
           count(*) FILTER (WHERE t.returned)::bigint AS returns,
           count(*) FILTER (WHERE t.verified)::bigint AS verified,
           count(*) FILTER (WHERE t.failed_attempt)::bigint AS failed_attempts,
           count(*) FILTER (WHERE t.expired)::bigint AS expired,
           count(*) FILTER (WHERE t.held)::bigint AS held,
           count(*) FILTER (WHERE t.refused)::bigint AS refused
      FROM t WHERE t.provider IS NOT NULL
     GROUP BY 1, 2 ORDER BY 1, 2
    """
  }
}
