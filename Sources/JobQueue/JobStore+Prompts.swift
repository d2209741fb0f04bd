extension JobStore {
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
