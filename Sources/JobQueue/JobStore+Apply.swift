import Foundation
import Verification

extension JobStore {
  /// Commits many decisions in one transaction. A commit applies only if its lease token still
  /// matches; its submission marks, prompts and notification are written only then. Prompts
  /// already due are marked due and announced on ``VerifierChannel/prompts`` in the same
  /// transaction. Returns the leases whose commits applied.
  @discardableResult
  public func apply(_ commits: [JobCommit]) async throws -> Set<Lease> {
    guard !commits.isEmpty else { return [] }
    let (instance, subscriptions) = (instance, subscriptions)
    let sql = subscriptions.isEmpty ? Self.writeSQL : Self.writeSQLWithOutbox
    let parameters = Self.writeParameters(commits, instance: instance, subscriptions: subscriptions)
    guard commits.contains(where: \.hasSideEffects) else {
      // One statement is atomic on its own: no transaction round trips.
      let result = try await connection.query(sql, parameters, operation: "write back jobs")
      return try Self.leases(result)
    }
    return try await connection.withTransaction { session in
      let result = try session.query(sql, parameters, operation: "write back jobs")
      let applied = try Self.leases(result)
      let done = commits.filter { applied.contains($0.lease) }
      try Self.writeSideEffects(done, subscriptions: subscriptions, session: session)
      return applied
    }
  }

  static func writeSideEffects(
    _ writes: [JobCommit], subscriptions: OutboxSubscriptions, session: PGSession
  ) throws {
    // The last mark of a submission wins (a decision may mark it twice).
    let all = writes.flatMap(\.marks)
    let lastIndex = Dictionary(all.enumerated().map { ($1.id, $0) }, uniquingKeysWith: max)
    let marks = all.enumerated().filter { lastIndex[$1.id] == $0 }.map(\.element)
    if !marks.isEmpty {
      try session.query(
        """
        UPDATE verifier.amount_submissions AS s
           SET status = m.status, reason = m.reason,
               attempts_remaining = coalesce(m.attempts, s.attempts_remaining),
               processed_at = CASE WHEN m.status IN ('pending', 'submitting') THEN NULL ELSE now() END
          FROM unnest($1::bigint[], $2::text[], $3::text[], $4::integer[])
            AS m(id, status, reason, attempts)
         WHERE s.id = m.id
        """,
        [
          PGArray(marks.map(\.id)), PGArray(marks.map(\.status.rawValue)),
          PGArray(marks.map(\.reason)),
          PGArray(marks.map(\.attemptsRemaining)),
        ], operation: "mark submissions")
    }
    let canceling = writes.filter(\.cancelsPrompts).map(\.lease.jobID)
    if !canceling.isEmpty {
      try session.query(
        """
        UPDATE verifier.prompts SET status = 'canceled'
         WHERE job_id = ANY($1::bigint[]) AND status = 'scheduled'
        """, [PGArray(canceling)], operation: "cancel prompts")
    }
    let prompts = writes.flatMap { write in write.prompts.map { (write.lease.jobID, $0) } }
    if !prompts.isEmpty {
      try session.query(
        """
        INSERT INTO verifier.prompts (job_id, kind, due_at, status, attempts_remaining)
        SELECT * FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::text[], $5::integer[])
        """,
        [
          PGArray(prompts.map(\.0)), PGArray(prompts.map(\.1.plan.kind.rawValue)),
          PGArray(prompts.map(\.1.plan.dueAt.date)), PGArray(prompts.map(\.1.status)),
          PGArray(prompts.map(\.1.plan.attemptsRemaining)),
        ], operation: "schedule prompts")
      try session.query(
        Self.sweepSQL(restricted: true, outbox: subscriptions),
        Self.sweepParameters(
          limit: 1000, jobs: Array(Set(prompts.map(\.0))), subscriptions: subscriptions),
        operation: "announce due prompts")
    }
    // A submission inserted while the job was leased did not make it due (the insert trigger
    // leaves leased jobs alone): make such released jobs due now and wake the daemons.
    let released = writes.filter { !$0.keepsLease && !$0.finishes }.map(\.lease.jobID)
    if !released.isEmpty {
      try session.query(
        """
        WITH due AS (
          UPDATE verifier.jobs AS j SET run_at = now()
           WHERE j.id = ANY($1::bigint[]) AND j.lease_owner IS NULL AND j.finished_at IS NULL
             AND j.run_at > now()
             AND EXISTS (SELECT 1 FROM verifier.amount_submissions AS s
                          WHERE s.job_id = j.id AND s.status = 'pending')
          RETURNING j.id
        )
        SELECT count(pg_notify('\(VerifierChannel.jobs)', 'amount_submissions'))
          FROM (SELECT 1 FROM due LIMIT 1) AS any_due
        """, [PGArray(released)], operation: "wake for waiting submissions")
    }
  }
}
