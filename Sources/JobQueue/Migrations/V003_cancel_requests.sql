-- verifierd schema, version 3: the daemon alone decides when a job finishes.
--
-- verifier.cancel used to finish the job itself, a second copy of the state machine's finish that
-- drifted once already (version 2 exists because of it). Now it records the request and makes the
-- job due; the daemon that claims it finishes it as `canceled` the one way every job finishes
-- (submissions settled, prompts cancelled, account number cleared, `verifier_finished` sent).
--
-- Whether a state is terminal is decided by the daemon, not by lists of states here: a job is
-- finished exactly when it has an outcome, and its outcome is its state.

ALTER TABLE verifier.jobs ADD COLUMN cancel_requested_at timestamptz;

ALTER TABLE verifier.jobs DROP CONSTRAINT jobs_finished_when_terminal;
ALTER TABLE verifier.jobs
  ADD CONSTRAINT jobs_finished_with_outcome CHECK ((finished_at IS NULL) = (outcome IS NULL)),
  ADD CONSTRAINT jobs_outcome_is_state CHECK (outcome IS NULL OR outcome = state);

-- Asks the daemon to cancel a live job that no daemon holds right now: records the request, makes
-- the job due and wakes the daemons. Returns false when the job is finished or leased (try again
-- when the lease ends). The daemon that claims the job finishes it as `canceled`.
CREATE OR REPLACE FUNCTION verifier.cancel(p_job_id bigint)
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, verifier AS $$
BEGIN
  UPDATE verifier.jobs
     SET cancel_requested_at = coalesce(cancel_requested_at, now()), run_at = now(),
         updated_at = now()
   WHERE id = p_job_id AND finished_at IS NULL
     AND (lease_owner IS NULL OR lease_expires_at < now());
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  INSERT INTO verifier.events (job_id, kind, message)
  VALUES (p_job_id, 'cancel_requested', 'cancel requested; the daemon finishes the job');
  IF (SELECT notify_wakeups FROM verifier.settings) THEN
    PERFORM pg_notify('verifier_jobs', 'cancel');
  END IF;
  RETURN true;
END
$$;

GRANT SELECT (cancel_requested_at) ON verifier.jobs TO verifier_app;
