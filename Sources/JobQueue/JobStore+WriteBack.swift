import Foundation

extension JobStore {
  /// Applies many write-backs in one round trip. Each applies only if its lease token still
  /// matches (a daemon whose lease was taken over changes nothing); events are appended only for
  /// the updates that applied. Returns the leases whose updates applied.
  @discardableResult
  public func write(_ updates: [JobUpdate]) async throws -> Set<Lease> {
    guard !updates.isEmpty else { return [] }
    let result = try await connection.query(
      Self.writeSQL, Self.writeParameters(updates, instance: instance),
      operation: "write back jobs")
    return try Self.leases(result)
  }

  /// The parameters of ``writeSQL`` for `updates`.
  static func writeParameters(_ updates: [JobUpdate], instance: String) -> [(any PGEncodable)?] {
    let events = updates.flatMap { update in update.events.map { (update.lease.jobID, $0) } }
    let parameters: [(any PGEncodable)?] = [
      PGArray(updates.map(\.lease.jobID)),
      PGArray(updates.map(\.lease.token)),
      PGArray(updates.map(\.state)),
      PGArray(updates.map(\.runAt)),
      PGArray(updates.map(\.keepLease)),
      PGArray(updates.map(\.outcome)),
      PGArray(updates.map(\.providerCode)),
      PGArray(updates.map(\.providerMessage)),
      PGArray(updates.map(\.providerAccountID)),
      PGArray(updates.map(\.attemptID)),
      PGArray(updates.map(\.attemptsRemaining)),
      PGArray(updates.map(\.retryStartedAt)),
      PGArray(updates.map(\.clearRetryStartedAt)),
      PGArray(updates.map(\.clearAccountNumber)),
      PGArray(updates.map(\.data)),
      instance,
      PGArray(events.map(\.0)),
      PGArray(events.map(\.1.kind)),
      PGArray(events.map(\.1.fromState)),
      PGArray(events.map(\.1.toState)),
      PGArray(events.map(\.1.provider)),
      PGArray(events.map(\.1.endpoint)),
      PGArray(events.map(\.1.httpStatus)),
      PGArray(events.map(\.1.providerCode)),
      PGArray(events.map(\.1.latencyMilliseconds)),
      PGArray(events.map(\.1.message)),
    ]
    return parameters
  }

  static let writeSQL = """
    WITH input AS (
      SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::timestamptz[], $5::boolean[],
                           $6::text[], $7::text[], $8::text[], $9::text[], $10::uuid[], $11::integer[],
                           $12::timestamptz[], $13::boolean[], $14::boolean[], $15::jsonb[])
        AS u(id, token, state, run_at, keep_lease, outcome, provider_code, provider_message,
             provider_account_id, attempt_id, attempts_remaining, retry_started_at,
             clear_retry, clear_account, data)
    ), updated AS (
      UPDATE verifier.jobs AS j
         SET state = i.state,
             finished_at = CASE WHEN i.state IN ('queued', 'initiating', 'pending', 'awaiting_amounts', 'verifying')
                                THEN NULL ELSE now() END,
             run_at = CASE WHEN i.keep_lease THEN j.run_at ELSE i.run_at END,
             lease_owner = CASE WHEN i.keep_lease THEN j.lease_owner END,
             lease_token = CASE WHEN i.keep_lease THEN j.lease_token END,
             lease_expires_at = CASE WHEN i.keep_lease THEN j.lease_expires_at END,
             outcome = coalesce(i.outcome, j.outcome),
             provider_code = coalesce(i.provider_code, j.provider_code),
             provider_message = coalesce(i.provider_message, j.provider_message),
             provider_account_id = coalesce(i.provider_account_id, j.provider_account_id),
             attempt_id = coalesce(i.attempt_id, j.attempt_id),
             attempts_remaining = coalesce(i.attempts_remaining, j.attempts_remaining),
             retry_started_at = CASE WHEN i.clear_retry THEN NULL
                                     ELSE coalesce(i.retry_started_at, j.retry_started_at) END,
             account_number = CASE
                 WHEN i.clear_account OR i.state NOT IN ('queued', 'initiating', 'pending', 'awaiting_amounts', 'verifying')
                 THEN NULL ELSE j.account_number END,
             data = coalesce(i.data, j.data),
             updated_at = now()
        FROM input AS i
       WHERE j.id = i.id AND j.lease_token = i.token
      RETURNING j.id, i.token AS lease_token
    ), appended AS (
      INSERT INTO verifier.events (job_id, kind, from_state, to_state, provider, endpoint, http_status,
                                   provider_code, latency_ms, instance, message)
      SELECT e.job_id, e.kind, e.from_state, e.to_state, e.provider, e.endpoint, e.http_status,
             e.provider_code, e.latency_ms, $16, e.message
        FROM unnest($17::bigint[], $18::text[], $19::text[], $20::text[], $21::text[], $22::text[],
                    $23::integer[], $24::text[], $25::integer[], $26::text[])
          AS e(job_id, kind, from_state, to_state, provider, endpoint, http_status, provider_code,
               latency_ms, message)
       WHERE e.job_id IN (SELECT id FROM updated)
    )
    SELECT id, lease_token FROM updated
    """
}
