-- A day's traffic for the status board's benchmark: 20,000 Finicity jobs enqueued over the last
-- 23 hours and verified (8 events each, at their own times), written in time order as a day of
-- real inserts would be.
SET session_replication_role = replica;
WITH jobs AS (
  INSERT INTO verifier.jobs (
    provider, external_ref, customer_id, receiver_name, routing_number, account_type,
    account_last4, account_key, state, run_at, attempt_id, provider_account_id,
    attempts_remaining, outcome, created_at, updated_at, finished_at)
  SELECT 'finicity', 'day:' || g, 'day' || g, 'Day Customer', '021000021', 'personalChecking',
         '0000', md5('day' || g), 'verified', now(), gen_random_uuid(), (8000000000 + g)::text, 3,
         'verified', now() - interval '23 hours' + g * interval '4 seconds', now(),
         now() - interval '23 hours' + g * interval '4 seconds' + interval '30 seconds'
    FROM generate_series(1, 20000) AS g
  RETURNING id, created_at
)
INSERT INTO verifier.events (job_id, kind, from_state, to_state, provider, endpoint, message, at)
SELECT j.id, e.kind, e.f, e.t, 'finicity', e.ep, e.msg, j.created_at + e.off * interval '1 second'
  FROM jobs AS j
 CROSS JOIN (VALUES ('state_change', 'queued', 'initiating', NULL, NULL, 1),
                    ('provider_call', NULL, NULL, 'initiate', 'success', 2),
                    ('state_change', 'initiating', 'pending', NULL, NULL, 3),
                    ('provider_call', NULL, NULL, 'details', 'success', 10),
                    ('state_change', 'pending', 'awaiting_amounts', NULL, NULL, 11),
                    ('state_change', 'awaiting_amounts', 'verifying', NULL, NULL, 20),
                    ('provider_call', NULL, NULL, 'verify', 'success', 21),
                    ('state_change', 'verifying', 'verified', NULL, NULL, 22))
      AS e(kind, f, t, ep, msg, off)
 ORDER BY 8;
ANALYZE verifier.jobs;
ANALYZE verifier.events;
