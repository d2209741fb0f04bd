import Foundation

/// Channels the daemon sends on (besides `verifier_jobs`, which wakes daemons).
public enum VerifierChannel {
  /// A prompt became due. Payload: JSON `{"prompt_id", "job_id", "kind", "attempts_remaining",
  /// "external_ref"}`.
  public static let prompts = "verifier_prompts"
  /// A job finished. Payload: JSON `{"job_id", "state", "outcome", "external_ref"}`.
  public static let finished = "verifier_finished"
  /// Jobs or submissions were inserted (sent by the schema's triggers).
  public static let jobs = "verifier_jobs"
}

extension JobStore {
  /// Applies many decisions' writes in one transaction. A write applies only if its lease token
  /// still matches; its submission marks, prompts and notification are written only then. Prompts
  /// already due are marked due and announced on ``VerifierChannel/prompts`` in the same
  /// transaction. Returns the leases whose writes applied.
  @discardableResult
  public func apply(_ writes: [JobWrite]) async throws -> Set<Lease> {
    guard !writes.isEmpty else { return [] }
    let instance = instance
    return try await connection.withTransaction { session in
      let result = try session.query(
        Self.writeSQL, Self.writeParameters(writes.map(\.update), instance: instance),
        operation: "write back jobs")
      let applied = try Self.leases(result)
      let done = writes.filter { applied.contains($0.update.lease) }
      try Self.writeSideEffects(done, session: session)
      return applied
    }
  }

  static func writeSideEffects(_ writes: [JobWrite], session: PGSession) throws {
    // The last mark of a submission wins (a decision may mark it twice).
    let all = writes.flatMap(\.submissionMarks)
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
          PGArray(marks.map(\.id)), PGArray(marks.map(\.status)), PGArray(marks.map(\.reason)),
          PGArray(marks.map(\.attemptsRemaining)),
        ], operation: "mark submissions")
    }
    let canceling = writes.filter(\.cancelScheduledPrompts).map(\.update.lease.jobID)
    if !canceling.isEmpty {
      try session.query(
        """
        UPDATE verifier.prompts SET status = 'canceled'
         WHERE job_id = ANY($1::bigint[]) AND status = 'scheduled'
        """, [PGArray(canceling)], operation: "cancel prompts")
    }
    let prompts = writes.flatMap { write in write.prompts.map { (write.update.lease.jobID, $0) } }
    if !prompts.isEmpty {
      try session.query(
        """
        INSERT INTO verifier.prompts (job_id, kind, due_at, status, attempts_remaining)
        SELECT * FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::text[], $5::integer[])
        """,
        [
          PGArray(prompts.map(\.0)), PGArray(prompts.map(\.1.kind)),
          PGArray(prompts.map(\.1.dueAt)), PGArray(prompts.map(\.1.status)),
          PGArray(prompts.map(\.1.attemptsRemaining)),
        ], operation: "schedule prompts")
      try session.query(
        Self.sweepSQL(restricted: true), [1000, PGArray(Array(Set(prompts.map(\.0))))],
        operation: "announce due prompts")
    }
    // A submission inserted while the job was leased did not make it due (the insert trigger
    // leaves leased jobs alone): make such released jobs due now and wake the daemons.
    let released = writes.filter { !$0.update.keepLease && !$0.notifyFinished }
      .map(\.update.lease.jobID)
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
    let finished = writes.filter(\.notifyFinished).map(\.update.lease.jobID)
    if !finished.isEmpty {
      try session.query(
        """
        SELECT count(pg_notify('\(VerifierChannel.finished)', json_build_object(
                 'job_id', id, 'state', state, 'outcome', outcome, 'external_ref', external_ref)::text))
          FROM verifier.jobs WHERE id = ANY($1::bigint[])
        """, [PGArray(finished)], operation: "notify finished")
    }
  }

  /// Marks up to `limit` scheduled prompts whose time came as `due` and announces each on
  /// ``VerifierChannel/prompts`` (each prompt once, however many daemons sweep). Returns how many.
  @discardableResult
  public func sweepDuePrompts(limit: Int = 1000) async throws -> Int {
    let result = try await connection.query(
      Self.sweepSQL(restricted: false), [limit], operation: "sweep due prompts")
    return try result[0].decode("n")
  }

  static func sweepSQL(restricted: Bool) -> String {
    """
    WITH picked AS (
      SELECT id FROM verifier.prompts
       WHERE status = 'scheduled' AND due_at <= now()\(restricted ? " AND job_id = ANY($2::bigint[])" : "")
       ORDER BY due_at LIMIT $1
       FOR UPDATE SKIP LOCKED
    ), due AS (
      UPDATE verifier.prompts AS p SET status = 'due', marked_due_at = now()
        FROM picked WHERE p.id = picked.id
      RETURNING p.id, p.job_id, p.kind, p.attempts_remaining
    )
    SELECT count(pg_notify('\(VerifierChannel.prompts)', json_build_object(
             'prompt_id', due.id, 'job_id', due.job_id, 'kind', due.kind,
             'attempts_remaining', due.attempts_remaining, 'external_ref', j.external_ref)::text))
           AS n
      FROM due JOIN verifier.jobs AS j ON j.id = due.job_id
    """
  }
}
