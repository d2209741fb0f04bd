import Verification

extension JobStore {
  /// Marks up to `limit` scheduled prompts whose time came as `due` and announces each on
  /// ``VerifierChannel/prompts`` (each prompt once, however many daemons sweep), and, when an
  /// endpoint hears `verification.prompt_due`, appends its outbox rows in the same statement.
  /// Returns how many.
  @discardableResult
  public func sweepDuePrompts(limit: Int = 1000) async throws -> Int {
    let result = try await connection.query(
      Self.sweepSQL(restricted: false, outbox: subscriptions),
      Self.sweepParameters(limit: limit, jobs: nil, subscriptions: subscriptions),
      operation: "sweep due prompts")
    return try result[0].decode("n")
  }

  /// The parameters of ``sweepSQL(restricted:outbox:)``: the limit, the jobs (restricted), and
  /// the endpoints that hear `verification.prompt_due` (when any does).
  static func sweepParameters(limit: Int, jobs: [Int64]?, subscriptions: OutboxSubscriptions)
    -> [(any PGEncodable)?]
  {
    let endpoints = subscriptions.endpoints(for: .promptDue)
    var parameters: [(any PGEncodable)?] = [limit, jobs.map { PGArray($0) }]
    if !endpoints.isEmpty { parameters.append(PGArray(endpoints)) }
    return parameters
  }

  /// The sweep. With endpoints that hear `verification.prompt_due` (`$3`), it also locks each
  /// prompt's job (skipping one another transaction holds, as it skips locked prompts, so the
  /// sweep never waits and never deadlocks with a write-back) to number its events from the
  /// job's counter, and appends one outbox row per prompt and endpoint.
  static func sweepSQL(restricted: Bool, outbox subscriptions: OutboxSubscriptions) -> String {
    let outbox = !subscriptions.endpoints(for: .promptDue).isEmpty
    let picked = """
      WITH picked AS MATERIALIZED (
        SELECT p.id FROM verifier.prompts AS p\(outbox ? " JOIN verifier.jobs AS j ON j.id = p.job_id" : "")
         WHERE p.status = 'scheduled' AND p.due_at <= now()\(restricted ? " AND p.job_id = ANY($2::bigint[])" : " AND $2::bigint[] IS NULL")
         ORDER BY p.due_at LIMIT $1
         FOR UPDATE OF p\(outbox ? ", j" : "") SKIP LOCKED
      ), due AS (
        UPDATE verifier.prompts AS p SET status = 'due', marked_due_at = now()
          FROM picked WHERE p.id = picked.id
        RETURNING p.id, p.job_id, p.kind, p.attempts_remaining, p.due_at
      ),
      """
    let announced = """
       announced AS (
        SELECT count(pg_notify('\(VerifierChannel.prompts)', json_build_object(
                 'prompt_id', due.id, 'job_id', due.job_id, 'kind', due.kind,
                 'attempts_remaining', due.attempts_remaining, 'external_ref', j.external_ref)::text))
               AS n
          FROM due JOIN verifier.jobs AS j ON j.id = due.job_id
      )
      """
    guard outbox else { return picked + announced + "\nSELECT n FROM announced" }
    return picked + announced + """
      , numbered AS MATERIALIZED (
        SELECT due.*, gen_random_uuid() AS event_id,
               row_number() OVER (PARTITION BY due.job_id ORDER BY due.due_at, due.id) AS ordinal,
               count(*) OVER (PARTITION BY due.job_id) AS total
          FROM due
      ), counted AS (
        UPDATE verifier.jobs AS j SET outbox_sequence = j.outbox_sequence + c.total
          FROM (SELECT DISTINCT job_id, total FROM numbered) AS c
         WHERE j.id = c.job_id
        RETURNING j.id, j.outbox_sequence AS last, c.total, j.provider, j.external_ref, j.state
      ), outboxed AS (
        INSERT INTO verifier.outbox (event_id, endpoint, job_id, sequence, type, provider,
                                     external_ref, data)
        SELECT n.event_id, e.endpoint, n.job_id, c.last - c.total + n.ordinal,
               '\(WebhookEventType.promptDue.rawValue)', c.provider, c.external_ref,
               jsonb_strip_nulls(jsonb_build_object(
                 'state', c.state, 'prompt_id', n.id, 'prompt_kind', n.kind,
                 'attempts_remaining', n.attempts_remaining))
          FROM numbered AS n JOIN counted AS c ON c.id = n.job_id
         CROSS JOIN unnest($3::text[]) AS e(endpoint)
      )
      SELECT n FROM announced
      """
  }
}
