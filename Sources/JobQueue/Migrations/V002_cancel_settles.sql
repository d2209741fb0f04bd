-- verifierd schema, version 2: cancelling a job settles its open submissions and announces it.
--
-- Version 1's verifier.cancel left a submission the daemon had marked `submitting` in that state
-- forever, left `pending` ones pending, and sent no `verifier_finished` notification, so an
-- application waiting on that channel never heard of the cancellation.

CREATE OR REPLACE FUNCTION verifier.cancel(p_job_id bigint)
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, verifier AS $$
DECLARE
  old_state text;
  ref text;
BEGIN
  SELECT state, external_ref INTO old_state, ref FROM verifier.jobs
   WHERE id = p_job_id AND finished_at IS NULL AND (lease_owner IS NULL OR lease_expires_at < now())
   FOR UPDATE;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  UPDATE verifier.jobs
     SET state = 'canceled', outcome = 'canceled', finished_at = now(), updated_at = now(),
         account_number = NULL, lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL
   WHERE id = p_job_id;
  UPDATE verifier.prompts SET status = 'canceled' WHERE job_id = p_job_id AND status = 'scheduled';
  UPDATE verifier.amount_submissions
     SET status = CASE status WHEN 'submitting' THEN 'error' ELSE 'refused' END,
         reason = CASE status WHEN 'submitting' THEN 'job canceled while the verify result was unknown'
                              ELSE 'job canceled' END,
         processed_at = now()
   WHERE job_id = p_job_id AND status IN ('pending', 'submitting');
  INSERT INTO verifier.events (job_id, kind, from_state, to_state, message)
  VALUES (p_job_id, 'canceled', old_state, 'canceled',
          CASE WHEN old_state IN ('initiating', 'verifying')
               THEN 'canceled by the application while a provider call''s result was unknown'
               ELSE 'canceled by the application' END);
  PERFORM pg_notify('verifier_finished', json_build_object(
    'job_id', p_job_id, 'state', 'canceled', 'outcome', 'canceled', 'external_ref', ref)::text);
  RETURN true;
END
$$;
