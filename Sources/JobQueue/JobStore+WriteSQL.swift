import Foundation
import Verification

extension JobStore {
  /// The parameters of ``writeSQL`` for `commits`: one array per column, each commit's image
  /// (its decision's last state write), then its events; with `subscriptions`, the parameters of
  /// ``writeSQLWithOutbox`` (the outbox rows' after them).
  static func writeParameters(
    _ commits: [JobCommit], instance: String, subscriptions: OutboxSubscriptions = .none
  ) -> [(any PGEncodable)?] {
    let images = commits.map { $0.decision.image(at: $0.now) }
    let runAt = zip(commits, images).map { commit, image -> Date in
      if case .runAt(let at) = image.schedule { return at.date }
      return commit.now.date
    }
    let events = commits.flatMap { commit in
      commit.decision.records.map { (commit.lease.jobID, $0, commit.measurement) }
    }
    let measured = events.map { $0.1.kind == .providerCall ? $0.2 : nil }
    let base: [(any PGEncodable)?] = [
      PGArray(commits.map(\.lease.jobID)),
      PGArray(commits.map(\.lease.token)),
      PGArray(images.map(\.state.rawValue)),
      PGArray(runAt),
      PGArray(images.map { $0.schedule == .keepLease }),
      PGArray(images.map(\.finishes)),
      PGArray(images.map(\.outcome?.rawValue)),
      PGArray(images.map(\.providerCode)),
      PGArray(images.map(\.providerMessage)),
      PGArray(images.map(\.providerAccountID)),
      PGArray(images.map { $0.attemptID.flatMap { UUID(uuidString: $0.rawValue) } }),
      PGArray(images.map(\.attemptsRemaining)),
      PGArray(images.map(\.retryStartedAt?.date)),
      PGArray(commits.map(\.decision.clearsAccountNumber)),
      PGArray(
        zip(commits, images).map { commit, image in
          image.data == commit.storedData ? nil : JobDataJSON.encode(image.data)
        }),
      instance,
      PGArray(events.map(\.0)),
      PGArray(events.map(\.1.kind.rawValue)),
      PGArray(events.map(\.1.fromState?.rawValue)),
      PGArray(events.map(\.1.toState?.rawValue)),
      PGArray(events.map(\.1.provider.rawValue)),
      PGArray(events.map(\.1.endpoint?.rawValue)),
      PGArray(measured.map { $0?.httpStatus }),
      PGArray(events.map(\.1.providerCode)),
      PGArray(measured.map { $0?.latencyMilliseconds }),
      PGArray(events.map(\.1.message)),
      PGArray(commits.map { $0.decision.finishedWith != nil }),
      PGArray(images.map(\.policyRule?.rawValue)),
    ]
    guard !subscriptions.isEmpty else { return base }
    return base + outboxParameters(commits, subscriptions: subscriptions)
  }

  /// The events of `commit` some endpoint hears, in order: what its outbox rows announce.
  static func heardEvents(_ commit: JobCommit, _ subscriptions: OutboxSubscriptions)
    -> [WebhookEvent]
  {
    guard !subscriptions.isEmpty else { return [] }
    return WebhookEvent.events(in: commit.decision, at: commit.now).filter {
      !subscriptions.endpoints(for: $0.type).isEmpty
    }
  }

  /// Whether committing `commits` writes any outbox row (the delivery worker then has work).
  public func announces(_ commits: [JobCommit]) -> Bool {
    commits.contains { !Self.heardEvents($0, subscriptions).isEmpty }
  }

  /// The outbox parameters ($29–$35): per commit how many events it numbers, then one row per
  /// event and subscribed endpoint, each event's id shared by its endpoints' rows.
  static func outboxParameters(_ commits: [JobCommit], subscriptions: OutboxSubscriptions)
    -> [(any PGEncodable)?]
  {
    var counts: [Int] = []
    var rows: [(id: UUID, endpoint: String, job: Int64, ordinal: Int, event: WebhookEvent)] = []
    for commit in commits {
      let heard = heardEvents(commit, subscriptions)
      counts.append(heard.count)
      for (index, event) in heard.enumerated() {
        let id = UUID()
        for endpoint in subscriptions.endpoints(for: event.type) {
          rows.append((id, endpoint, commit.lease.jobID, index + 1, event))
        }
      }
    }
    return [
      PGArray(counts),
      PGArray(rows.map(\.id)),
      PGArray(rows.map(\.endpoint)),
      PGArray(rows.map(\.job)),
      PGArray(rows.map(\.ordinal)),
      PGArray(rows.map(\.event.type.rawValue)),
      PGArray(rows.map(\.event.dataJSON)),
    ]
  }

  /// The job write-back: every image whose lease token still matches is written (the machine's
  /// image is the full set of daemon-owned columns; `finished` says whether it ends the job, the
  /// only place that decides it), and its events are appended. A released job with a cancel
  /// request is due at once, so the request never waits for a far `run_at`. Jobs the commits
  /// finish are announced on ``VerifierChannel/finished`` by the same statement.
  static let writeSQL = writeSQL(outbox: false)

  /// ``writeSQL`` that also appends the commits' outbox rows (``outboxParameters(_:subscriptions:)``),
  /// numbering each job's events from the counter its `UPDATE` advances under the row's lock.
  static let writeSQLWithOutbox = writeSQL(outbox: true)

  static func writeSQL(outbox: Bool) -> String {
    """
    WITH input AS (
      SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::timestamptz[], $5::boolean[],
                           $6::boolean[], $7::text[], $8::text[], $9::text[], $10::text[],
                           $11::uuid[], $12::integer[], $13::timestamptz[], $14::boolean[],
                           $15::jsonb[], $27::boolean[], $28::text[]\(outbox ? ", $29::integer[]" : ""))
        AS u(id, token, state, run_at, keep_lease, finished, outcome, provider_code,
             provider_message, provider_account_id, attempt_id, attempts_remaining,
             retry_started_at, clear_account, data, notify, policy_rule\(outbox ? ", outbox_count" : ""))
    ), updated AS (
      UPDATE verifier.jobs AS j
         SET state = i.state,
             finished_at = CASE WHEN i.finished THEN now() END,
             run_at = CASE WHEN i.keep_lease THEN j.run_at
                           WHEN j.cancel_requested_at IS NOT NULL AND NOT i.finished THEN now()
                           ELSE i.run_at END,
             lease_owner = CASE WHEN i.keep_lease THEN j.lease_owner END,
             lease_token = CASE WHEN i.keep_lease THEN j.lease_token END,
             lease_expires_at = CASE WHEN i.keep_lease THEN j.lease_expires_at END,
             outcome = i.outcome,
             provider_code = i.provider_code,
             provider_message = i.provider_message,
             provider_account_id = i.provider_account_id,
             attempt_id = i.attempt_id,
             attempts_remaining = i.attempts_remaining,
             retry_started_at = i.retry_started_at,
             policy_rule = i.policy_rule,
             account_number = CASE WHEN i.clear_account OR i.finished THEN NULL
                                   ELSE j.account_number END,
             data = coalesce(i.data, j.data),\(outbox ? "\n             outbox_sequence = j.outbox_sequence + i.outbox_count," : "")
             updated_at = now()
        FROM input AS i
       WHERE j.id = i.id AND j.lease_token = i.token
      RETURNING j.id, i.token AS lease_token, j.state, j.outcome, j.external_ref, i.notify\(outbox ? ",\n                j.provider, j.outbox_sequence AS outbox_last, i.outbox_count" : "")
    ),\(outbox ? outboxCTE : "") appended AS (
      INSERT INTO verifier.events (job_id, kind, from_state, to_state, provider, endpoint, http_status,
                                   provider_code, latency_ms, instance, message)
      SELECT e.job_id, e.kind, e.from_state, e.to_state, e.provider, e.endpoint, e.http_status,
             e.provider_code, e.latency_ms, $16, e.message
        FROM unnest($17::bigint[], $18::text[], $19::text[], $20::text[], $21::text[], $22::text[],
                    $23::integer[], $24::text[], $25::integer[], $26::text[])
          AS e(job_id, kind, from_state, to_state, provider, endpoint, http_status, provider_code,
               latency_ms, message)
       WHERE e.job_id IN (SELECT id FROM updated)
    ), notified AS (
      SELECT count(pg_notify('\(VerifierChannel.finished)', json_build_object(
               'job_id', id, 'state', state, 'outcome', outcome,
               'external_ref', external_ref)::text)) AS sent
        FROM updated WHERE notify
    )
    SELECT id, lease_token FROM updated, notified
    """
  }

  /// The outbox rows of the jobs `updated` wrote: numbered after the job's previous events.
  static let outboxCTE = """
     outboxed AS (
      INSERT INTO verifier.outbox (event_id, endpoint, job_id, sequence, type, provider,
                                   external_ref, data)
      SELECT o.event_id, o.endpoint, o.job_id, u.outbox_last - u.outbox_count + o.ordinal, o.type,
             u.provider, u.external_ref, o.data
        FROM unnest($30::uuid[], $31::text[], $32::bigint[], $33::integer[], $34::text[],
                    $35::jsonb[]) AS o(event_id, endpoint, job_id, ordinal, type, data)
        JOIN updated AS u ON u.id = o.job_id
    ),
    """
}
