-- verifierd schema, version 7: micro-entry fraud monitoring (docs/fraud.md).
--
-- The daemon screens every queued Finicity job against velocity rules before it commits the
-- initiation: distinct customers per account fingerprint, distinct accounts per customer, failed
-- verifications per customer, each in a window. A rule that holds a job moves it to `held`; one
-- that refuses it finishes it `refused_by_policy`. Both happen before anything is sent, so no
-- hold or refusal ever follows a sent initiation. The counts key on the keyed fingerprint
-- (`account_key`, version 4) and the customer id: never on an account number.

ALTER TABLE verifier.jobs DROP CONSTRAINT jobs_state_known;
ALTER TABLE verifier.jobs ADD CONSTRAINT jobs_state_known CHECK (state IN (
  'queued', 'initiating', 'pending', 'awaiting_amounts', 'verifying', 'held', 'verified',
  'attempts_exhausted', 'expired', 'returned', 'rejected', 'provider_failed', 'invalid_request',
  'canceled', 'refused_by_policy'));

ALTER TABLE verifier.jobs
  ADD COLUMN policy_rule text,
  ADD COLUMN policy_released_at timestamptz;

COMMENT ON COLUMN verifier.jobs.policy_rule IS
  'the fraud rule that held or refused the job (customers_per_account, accounts_per_customer, '
  'failed_verifications_per_customer); NULL when no rule acted';
COMMENT ON COLUMN verifier.jobs.policy_released_at IS
  'when an operator released the job from held (verifier.release); a released job is not screened again';

-- The screen's counts: one index range per rule, bounded by the rule's window.
CREATE INDEX jobs_finicity_account_created ON verifier.jobs (account_key, created_at)
  WHERE provider = 'finicity';
CREATE INDEX jobs_finicity_customer_created ON verifier.jobs (customer_id, created_at)
  WHERE provider = 'finicity';
CREATE INDEX jobs_finicity_customer_failures ON verifier.jobs (customer_id, finished_at)
  WHERE provider = 'finicity' AND outcome = 'attempts_exhausted';

-- The volumes report reads state changes by time: events are appended in time order, so a BRIN
-- index finds a day's rows for a few pages of index and costs the hot path almost nothing.
CREATE INDEX events_at ON verifier.events USING brin (at);

-- Releases a held job no daemon holds: the daemon that claims it initiates it without screening
-- it again. Returns false when the job is not held (or is leased: try again when the lease ends).
-- Only the daemon's role may call it: an application must not release what a rule held.
CREATE FUNCTION verifier.release(p_job_id bigint)
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, verifier AS $$
BEGIN
  UPDATE verifier.jobs
     SET policy_released_at = now(), run_at = now(), updated_at = now()
   WHERE id = p_job_id AND state = 'held' AND finished_at IS NULL AND policy_released_at IS NULL
     AND (lease_owner IS NULL OR lease_expires_at < now());
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  INSERT INTO verifier.events (job_id, kind, message)
  VALUES (p_job_id, 'release_requested', 'released from held; the daemon initiates the job');
  IF (SELECT notify_wakeups FROM verifier.settings) THEN
    PERFORM pg_notify('verifier_jobs', 'release');
  END IF;
  RETURN true;
END
$$;
REVOKE ALL ON FUNCTION verifier.release(bigint) FROM PUBLIC, verifier_app;
GRANT EXECUTE ON FUNCTION verifier.release(bigint) TO verifier_daemon;

GRANT SELECT (policy_rule, policy_released_at) ON verifier.jobs TO verifier_app;
