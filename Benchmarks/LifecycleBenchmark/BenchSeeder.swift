import JobQueue

/// Fills the database the way months of use would: `history` finished Finicity jobs with five
/// events each, and `waiting` live jobs awaiting amounts, due days ahead, each with a scheduled
/// reminder days ahead. Rows are written directly (triggers off, as a restore would), in chunks
/// of 100,000, then the tables are analysed; none of them is ever due during the benchmark.
enum BenchSeeder {
  static func seed(history: Int, waiting: Int, database: PGConnection) async throws {
    let chunk = 100_000
    for start in stride(from: 0, to: history, by: chunk) {
      try await insert(
        from: start, count: min(chunk, history - start), finished: true, database: database)
    }
    for start in stride(from: 0, to: waiting, by: chunk) {
      try await insert(
        from: start, count: min(chunk, waiting - start), finished: false, database: database)
    }
    try await database.query("ANALYZE verifier.jobs", operation: "analyze")
    try await database.query("ANALYZE verifier.events", operation: "analyze")
    try await database.query("ANALYZE verifier.prompts", operation: "analyze")
  }

  private static func insert(from start: Int, count: Int, finished: Bool, database: PGConnection)
    async throws
  {
    let tag = finished ? "seed-done" : "seed-live"
    try await database.withTransaction { session in
      try session.query("SET LOCAL session_replication_role = replica", operation: "seed")
      try session.query(
        """
        WITH jobs AS (
          INSERT INTO verifier.jobs (
            provider, external_ref, customer_id, receiver_name, routing_number, account_type,
            account_last4, account_key, state, run_at, attempt_id, provider_account_id,
            attempts_remaining, outcome, created_at, updated_at, finished_at)
          SELECT 'finicity', $3 || ':' || g, $3 || g, 'Seeded Customer', '021000021',
                 'personalChecking', lpad((g % 10000)::text, 4, '0'), md5($3 || g),
                 CASE WHEN $4 THEN 'verified' ELSE 'awaiting_amounts' END,
                 CASE WHEN $4 THEN now() - interval '30 days' ELSE now() + interval '3 days' END,
                 gen_random_uuid(), (7000000000 + g)::text, 3,
                 CASE WHEN $4 THEN 'verified' END,
                 now() - interval '30 days' + (g % 2000000) * interval '1 second',
                 now() - interval '20 days',
                 CASE WHEN $4 THEN now() - interval '20 days' + (g % 1000000) * interval '1 second' END
            FROM generate_series($1::bigint, $1::bigint + $2 - 1) AS g
          RETURNING id, state
        ), events AS (
          INSERT INTO verifier.events (job_id, kind, from_state, to_state, provider, endpoint, instance)
          SELECT j.id, e.kind, e.from_state, e.to_state, 'finicity', e.endpoint, 'seed'
            FROM jobs AS j
           CROSS JOIN (VALUES ('state_change', 'queued', 'initiating', NULL),
                              ('provider_call', 'initiating', 'pending', 'initiate'),
                              ('provider_call', 'pending', 'awaiting_amounts', 'details'),
                              ('provider_call', 'verifying', 'verified', 'verify'),
                              ('state_change', 'verifying', 'verified', NULL))
                 AS e(kind, from_state, to_state, endpoint)
        )
        INSERT INTO verifier.prompts (job_id, kind, due_at, status, attempts_remaining)
        SELECT id, 'reminder', now() + interval '2 days', 'scheduled', 3 FROM jobs WHERE NOT $4
        """, [start, count, tag, finished], operation: "seed")
    }
  }
}
