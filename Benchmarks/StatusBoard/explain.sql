-- EXPLAIN (ANALYZE, BUFFERS) of the status board's statements (JobAdmin+StatusBoard.swift, with
-- $1 = now() - 24 hours, $2 = the held jobs' run_at and the call summaries' phrases written out;
-- keep them in step with that file), on whatever database psql is given.
\pset pager off
SET max_parallel_workers_per_gather = :parallel;
\echo == cohort (funnel and enqueued per hour)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
WITH reached AS (
  SELECT e.job_id, bool_or(e.to_state = 'awaiting_amounts') AS settled
    FROM verifier.events AS e
   WHERE e.kind = 'state_change' AND e.to_state IN ('pending', 'awaiting_amounts')
     AND e.at >= now() - interval '24 hours'
   GROUP BY e.job_id
)
SELECT date_trunc('hour', j.created_at) AS hour, j.state, j.outcome,
       r.job_id IS NOT NULL AS initiated, coalesce(r.settled, false) AS settled,
       count(*)::bigint AS n
  FROM verifier.jobs AS j LEFT JOIN reached AS r ON r.job_id = j.id
 WHERE j.created_at >= now() - interval '24 hours'
 GROUP BY 1, 2, 3, 4, 5;
\echo == outcomes and provider calls per hour
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT 'outcome' AS part, date_trunc('hour', finished_at) AS hour,
       coalesce(outcome, 'none') AS outcome, count(*)::bigint AS n, 0::bigint AS throttled,
       0::bigint AS errors
  FROM verifier.jobs WHERE finished_at >= now() - interval '24 hours' GROUP BY 2, 3
UNION ALL
SELECT 'calls', date_trunc('hour', e.at), NULL, count(*),
       count(*) FILTER (WHERE e.message LIKE 'retry later: rate limited (429)%'
                           OR e.message LIKE 'retry later: provider throttled%'),
       count(*) FILTER (WHERE (e.message LIKE 'retry later: %' OR e.message LIKE 'permanent failure: %')
                          AND NOT (e.message LIKE 'retry later: rate limited (429)%'
                                   OR e.message LIKE 'retry later: provider throttled%'))
  FROM verifier.events AS e
 WHERE e.kind = 'provider_call' AND e.at >= now() - interval '24 hours' GROUP BY 2;
\echo == alerts
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
(SELECT 'parked' AS kind, e.job_id, e.at, coalesce(e.provider_code, '') AS subject,
        coalesce(e.message, '') AS detail, j.finished_at IS NULL AS live,
        count(*) OVER ()::bigint AS total
   FROM verifier.events AS e JOIN verifier.jobs AS j ON j.id = e.job_id
  WHERE e.kind = 'alert' AND e.at >= now() - interval '24 hours'
    AND NOT (e.from_state IS NULL AND e.provider IS NULL AND coalesce(e.message, '') LIKE 'webhook %')
  ORDER BY e.id DESC LIMIT 50)
UNION ALL
(SELECT 'policy_hit', e.job_id, e.at, coalesce(e.provider_code, ''), coalesce(e.message, ''),
        j.finished_at IS NULL, count(*) OVER ()
   FROM verifier.events AS e JOIN verifier.jobs AS j ON j.id = e.job_id
  WHERE e.kind = 'policy_hit' AND e.at >= now() - interval '24 hours' ORDER BY e.id DESC LIMIT 50)
UNION ALL
(SELECT 'held', id, updated_at, coalesce(policy_rule, ''), '', true, count(*) OVER ()
   FROM verifier.jobs
  WHERE finished_at IS NULL AND run_at >= '9999-12-31 23:59:59+00' AND state = 'held'
  ORDER BY id DESC LIMIT 50)
UNION ALL
(SELECT 'dead_webhook', o.job_id, coalesce(o.last_attempt_at, o.created_at), o.endpoint,
        o.type || ' after ' || o.attempts || ' attempts' || coalesce(': ' || o.last_error, ''),
        EXISTS (SELECT 1 FROM verifier.jobs AS j WHERE j.id = o.job_id AND j.finished_at IS NULL),
        count(*) OVER ()
   FROM verifier.outbox AS o WHERE o.status = 'dead' ORDER BY o.id DESC LIMIT 50);
\echo == overdue
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT count(*)::bigint AS n FROM verifier.jobs
 WHERE finished_at IS NULL AND run_at <= now() - interval '60 seconds';
