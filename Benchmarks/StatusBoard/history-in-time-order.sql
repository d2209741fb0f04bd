-- The lifecycle benchmark's seeder writes every event at the moment of seeding; a real history
-- has each event at its job's time, in time order on disk. Rewrite the events so (each at its
-- job's finish, or creation while live), as months of inserts would have laid them out.
SET session_replication_role = replica;
CREATE TEMP TABLE e AS
SELECT ev.job_id, ev.kind, ev.from_state, ev.to_state, ev.provider, ev.endpoint, ev.http_status,
       ev.provider_code, ev.latency_ms, ev.instance, ev.message,
       coalesce(j.finished_at, j.created_at) AS at
  FROM verifier.events AS ev JOIN verifier.jobs AS j ON j.id = ev.job_id;
TRUNCATE verifier.events;
INSERT INTO verifier.events (job_id, kind, from_state, to_state, provider, endpoint, http_status,
                             provider_code, latency_ms, instance, message, at)
SELECT job_id, kind, from_state, to_state, provider, endpoint, http_status, provider_code,
       latency_ms, instance, message, at
  FROM e ORDER BY at;
VACUUM ANALYZE verifier.events;
VACUUM ANALYZE verifier.jobs;
