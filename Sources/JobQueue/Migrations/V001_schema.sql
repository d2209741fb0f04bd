-- verifierd schema, version 1: the job table contract.
-- Applied by `verifierd migrate` inside one transaction, under an advisory lock.

CREATE SCHEMA IF NOT EXISTS verifier;

-- Two group roles (NOLOGIN): grant them to real login roles.
--   verifier_daemon: the daemon's own rights.
--   verifier_app:    applications: insert jobs and submissions, read outcomes, prompts, events.
DO $$
BEGIN
  BEGIN
    CREATE ROLE verifier_daemon NOLOGIN;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
  END;
  BEGIN
    CREATE ROLE verifier_app NOLOGIN;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
  END;
END
$$;

-- Switches an operator may flip at run time.
CREATE TABLE verifier.settings (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  -- false: inserts send no NOTIFY (poll-only daemons, e.g. behind PgBouncer transaction pooling)
  notify_wakeups boolean NOT NULL DEFAULT true
);
INSERT INTO verifier.settings DEFAULT VALUES;

CREATE TABLE verifier.jobs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  provider text NOT NULL,
  external_ref text,
  -- Finicity micro entries
  customer_id text,
  receiver_name text,
  routing_number text,
  account_number text,          -- cleared by the daemon once the initiation is confirmed
  account_type text,
  -- Folio bank-link verification
  folio_account_number text,
  bank_link_oid text,
  owner_login_id text,
  -- derived at insert time (trigger); never given by applications
  account_last4 text,
  account_key text,             -- sha256 of routing and account number: keeps the live-job rule
                                -- after the account number itself is cleared
  -- daemon-owned: state, schedule, lease, outcome
  state text NOT NULL DEFAULT 'queued',
  run_at timestamptz NOT NULL DEFAULT now(),
  claim_count integer NOT NULL DEFAULT 0,
  lease_owner text,
  lease_token uuid,
  lease_expires_at timestamptz,
  attempt_id uuid,
  provider_account_id text,
  attempts_remaining integer,
  retry_started_at timestamptz,
  outcome text,
  provider_code text,
  provider_message text,
  data jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  CONSTRAINT jobs_state_known CHECK (state IN (
    'queued', 'initiating', 'pending', 'awaiting_amounts', 'verifying', 'verified',
    'attempts_exhausted', 'expired', 'returned', 'rejected', 'provider_failed',
    'invalid_request', 'canceled')),
  CONSTRAINT jobs_finished_when_terminal CHECK (
    (finished_at IS NULL) = (state IN ('queued', 'initiating', 'pending', 'awaiting_amounts', 'verifying')))
);

COMMENT ON TABLE verifier.jobs IS 'One row per verification. Applications INSERT business columns only; the daemon owns the rest.';

-- The daemon's hot query: due live jobs by run time. Finished history is not in this index.
-- A claimed job's run_at is its lease expiry, so an expired lease is simply due again.
CREATE INDEX jobs_due ON verifier.jobs (run_at) WHERE finished_at IS NULL;
-- One live job per customer and account (Finicity) and per bank link (Folio).
CREATE UNIQUE INDEX jobs_one_live_finicity_job_per_customer_account
  ON verifier.jobs (customer_id, account_key) WHERE finished_at IS NULL AND provider = 'finicity';
CREATE UNIQUE INDEX jobs_one_live_folio_job_per_bank_link
  ON verifier.jobs (folio_account_number, bank_link_oid) WHERE finished_at IS NULL AND provider = 'folio';
CREATE INDEX jobs_external_ref ON verifier.jobs (external_ref) WHERE external_ref IS NOT NULL;
CREATE INDEX jobs_finished_at ON verifier.jobs (finished_at) WHERE finished_at IS NOT NULL;

-- Raises a check violation naming the column, with a message that never echoes the value.
CREATE FUNCTION verifier.refuse(tbl text, col text, why text, hint text DEFAULT NULL)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'verifier.%: % %', tbl, col, why
    USING ERRCODE = 'check_violation', SCHEMA = 'verifier', TABLE = tbl, COLUMN = col,
          HINT = coalesce(hint, 'see the SQL contract in the verifierd README');
END
$$;

-- ABA routing number checksum: 3*(d1+d4+d7) + 7*(d2+d5+d8) + (d3+d6+d9) must be a multiple of 10.
CREATE FUNCTION verifier.aba_checksum_ok(routing text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT routing ~ '^[0-9]{9}$' AND (
    3 * (substr(routing, 1, 1)::int + substr(routing, 4, 1)::int + substr(routing, 7, 1)::int)
  + 7 * (substr(routing, 2, 1)::int + substr(routing, 5, 1)::int + substr(routing, 8, 1)::int)
  +     (substr(routing, 3, 1)::int + substr(routing, 6, 1)::int + substr(routing, 9, 1)::int)) % 10 = 0
$$;

-- Checks one required text field: present, not blank, not too long.
CREATE FUNCTION verifier.require_text(tbl text, col text, val text, max_len int)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF val IS NULL THEN
    PERFORM verifier.refuse(tbl, col, 'is required');
  ELSIF btrim(val) = '' THEN
    PERFORM verifier.refuse(tbl, col, 'must not be empty');
  ELSIF length(val) > max_len THEN
    PERFORM verifier.refuse(tbl, col, format('is too long (%s characters, at most %s)', length(val), max_len));
  END IF;
END
$$;

CREATE FUNCTION verifier.forbid_text(tbl text, col text, val text, provider text)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF val IS NOT NULL THEN
    PERFORM verifier.refuse(tbl, col, format('does not belong to a %s job', provider),
      'leave the other provider''s columns NULL');
  END IF;
END
$$;

-- Validates an application's INSERT and fills the derived columns. Runs with the owner's rights so
-- the live-job check can read columns the application role may not.
CREATE FUNCTION verifier.jobs_before_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, verifier AS $$
DECLARE
  live_id bigint;
BEGIN
  IF NEW.provider IS NULL OR btrim(NEW.provider) = '' THEN
    PERFORM verifier.refuse('jobs', 'provider', 'is required', 'one of: finicity, folio');
  END IF;
  PERFORM verifier.require_text('jobs', 'external_ref', coalesce(NEW.external_ref, 'x'), 255);
  IF NEW.provider = 'finicity' THEN
    PERFORM verifier.require_text('jobs', 'customer_id', NEW.customer_id, 64);
    PERFORM verifier.require_text('jobs', 'receiver_name', NEW.receiver_name, 255);
    PERFORM verifier.require_text('jobs', 'routing_number', NEW.routing_number, 9);
    PERFORM verifier.require_text('jobs', 'account_number', NEW.account_number, 17);
    PERFORM verifier.require_text('jobs', 'account_type', NEW.account_type, 32);
    IF NEW.routing_number !~ '^[0-9]{9}$' THEN
      PERFORM verifier.refuse('jobs', 'routing_number', 'must be exactly 9 digits');
    ELSIF NOT verifier.aba_checksum_ok(NEW.routing_number) THEN
      PERFORM verifier.refuse('jobs', 'routing_number', 'fails the ABA checksum',
        'check the digits: 3*(d1+d4+d7) + 7*(d2+d5+d8) + (d3+d6+d9) must be a multiple of 10');
    END IF;
    IF NEW.account_number !~ '^[0-9]{4,17}$' THEN
      PERFORM verifier.refuse('jobs', 'account_number', 'must be 4 to 17 digits');
    END IF;
    IF NEW.account_type NOT IN ('personalChecking', 'businessChecking', 'personalSavings', 'businessSavings',
                                'checking', 'savings') THEN
      PERFORM verifier.refuse('jobs', 'account_type', 'is not a documented account type',
        'one of: personalChecking, businessChecking, personalSavings, businessSavings (checking, savings are being retired)');
    END IF;
    PERFORM verifier.forbid_text('jobs', 'folio_account_number', NEW.folio_account_number, 'finicity');
    PERFORM verifier.forbid_text('jobs', 'bank_link_oid', NEW.bank_link_oid, 'finicity');
    PERFORM verifier.forbid_text('jobs', 'owner_login_id', NEW.owner_login_id, 'finicity');
    NEW.account_last4 := right(NEW.account_number, 4);
    NEW.account_key := encode(sha256(convert_to(NEW.routing_number || ':' || NEW.account_number, 'UTF8')), 'hex');
    SELECT id INTO live_id FROM verifier.jobs
      WHERE provider = 'finicity' AND finished_at IS NULL
        AND customer_id = NEW.customer_id AND account_key = NEW.account_key
      LIMIT 1;
  ELSIF NEW.provider = 'folio' THEN
    PERFORM verifier.require_text('jobs', 'folio_account_number', NEW.folio_account_number, 32);
    PERFORM verifier.require_text('jobs', 'bank_link_oid', NEW.bank_link_oid, 64);
    PERFORM verifier.require_text('jobs', 'owner_login_id', NEW.owner_login_id, 128);
    PERFORM verifier.forbid_text('jobs', 'customer_id', NEW.customer_id, 'folio');
    PERFORM verifier.forbid_text('jobs', 'receiver_name', NEW.receiver_name, 'folio');
    PERFORM verifier.forbid_text('jobs', 'routing_number', NEW.routing_number, 'folio');
    PERFORM verifier.forbid_text('jobs', 'account_number', NEW.account_number, 'folio');
    PERFORM verifier.forbid_text('jobs', 'account_type', NEW.account_type, 'folio');
    SELECT id INTO live_id FROM verifier.jobs
      WHERE provider = 'folio' AND finished_at IS NULL
        AND folio_account_number = NEW.folio_account_number AND bank_link_oid = NEW.bank_link_oid
      LIMIT 1;
  ELSE
    PERFORM verifier.refuse('jobs', 'provider', 'is not a known provider', 'one of: finicity, folio');
  END IF;
  IF live_id IS NOT NULL THEN
    RAISE EXCEPTION 'verifier.jobs: a live verification already exists for this customer and account (job %)', live_id
      USING ERRCODE = 'unique_violation', SCHEMA = 'verifier', TABLE = 'jobs',
            HINT = 'wait for it to finish, or cancel it with verifier.cancel(job_id)';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER jobs_validate BEFORE INSERT ON verifier.jobs
  FOR EACH ROW EXECUTE FUNCTION verifier.jobs_before_insert();

-- One NOTIFY per inserting statement (not per row), unless wake-ups are switched off.
CREATE FUNCTION verifier.notify_wakeup() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, verifier AS $$
BEGIN
  IF (SELECT notify_wakeups FROM verifier.settings) THEN
    PERFORM pg_notify('verifier_jobs', TG_TABLE_NAME);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER jobs_wakeup AFTER INSERT ON verifier.jobs
  FOR EACH STATEMENT EXECUTE FUNCTION verifier.notify_wakeup();

CREATE TABLE verifier.amount_submissions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  job_id bigint NOT NULL REFERENCES verifier.jobs (id) ON DELETE CASCADE,
  amounts numeric[] NOT NULL,
  status text NOT NULL DEFAULT 'pending',
  reason text,
  attempts_remaining integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz,
  CONSTRAINT amount_submissions_status_known CHECK (status IN (
    'pending', 'submitting', 'verified', 'mismatch', 'attempts_exhausted', 'refused', 'error'))
);
CREATE INDEX amount_submissions_job ON verifier.amount_submissions (job_id);
CREATE INDEX amount_submissions_pending ON verifier.amount_submissions (job_id, id)
  WHERE status IN ('pending', 'submitting');

CREATE FUNCTION verifier.amount_submissions_before_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, verifier AS $$
DECLARE
  amount numeric;
BEGIN
  IF NEW.job_id IS NULL THEN
    PERFORM verifier.refuse('amount_submissions', 'job_id', 'is required');
  END IF;
  IF NEW.amounts IS NULL THEN
    PERFORM verifier.refuse('amount_submissions', 'amounts', 'is required', 'two amounts, e.g. ARRAY[0.12, 0.34]');
  END IF;
  IF coalesce(array_ndims(NEW.amounts), 0) <> 1 OR cardinality(NEW.amounts) <> 2 THEN
    PERFORM verifier.refuse('amount_submissions', 'amounts',
      format('must hold exactly two amounts (got %s)', cardinality(NEW.amounts)), 'two amounts, e.g. ARRAY[0.12, 0.34]');
  END IF;
  FOREACH amount IN ARRAY NEW.amounts LOOP
    IF amount IS NULL THEN
      PERFORM verifier.refuse('amount_submissions', 'amounts', 'must not contain NULL');
    ELSIF amount < 0.01 OR amount > 0.99 THEN
      PERFORM verifier.refuse('amount_submissions', 'amounts', 'must each be between 0.01 and 0.99 dollars');
    ELSIF amount <> trunc(amount, 2) THEN
      PERFORM verifier.refuse('amount_submissions', 'amounts', 'must each have at most two decimal places (whole cents)');
    END IF;
  END LOOP;
  IF NOT EXISTS (SELECT 1 FROM verifier.jobs WHERE id = NEW.job_id) THEN
    RAISE EXCEPTION 'verifier.amount_submissions: job_id % does not exist', NEW.job_id
      USING ERRCODE = 'foreign_key_violation', SCHEMA = 'verifier', TABLE = 'amount_submissions', COLUMN = 'job_id';
  END IF;
  -- The application owns only the amounts; the daemon owns the rest.
  NEW.status := 'pending';
  NEW.reason := NULL;
  NEW.attempts_remaining := NULL;
  NEW.processed_at := NULL;
  RETURN NEW;
END
$$;

CREATE TRIGGER amount_submissions_validate BEFORE INSERT ON verifier.amount_submissions
  FOR EACH ROW EXECUTE FUNCTION verifier.amount_submissions_before_insert();

-- A submission makes its (unleased, live) job due at once, and wakes the daemon.
CREATE FUNCTION verifier.amount_submissions_after_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, verifier AS $$
BEGIN
  UPDATE verifier.jobs j SET run_at = now()
    FROM new_rows n
   WHERE j.id = n.job_id AND j.finished_at IS NULL AND j.lease_owner IS NULL AND j.run_at > now();
  IF (SELECT notify_wakeups FROM verifier.settings) THEN
    PERFORM pg_notify('verifier_jobs', TG_TABLE_NAME);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER amount_submissions_wakeup AFTER INSERT ON verifier.amount_submissions
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION verifier.amount_submissions_after_insert();

CREATE TABLE verifier.prompts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  job_id bigint NOT NULL REFERENCES verifier.jobs (id) ON DELETE CASCADE,
  kind text NOT NULL,
  due_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'scheduled',
  attempts_remaining integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  marked_due_at timestamptz,
  sent_at timestamptz,
  CONSTRAINT prompts_kind_known CHECK (kind IN ('first', 'reminder', 'last_chance', 'retry')),
  CONSTRAINT prompts_status_known CHECK (status IN ('scheduled', 'due', 'sent', 'canceled'))
);
CREATE INDEX prompts_job ON verifier.prompts (job_id);
CREATE INDEX prompts_scheduled ON verifier.prompts (due_at) WHERE status = 'scheduled';

CREATE TABLE verifier.events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  job_id bigint NOT NULL REFERENCES verifier.jobs (id) ON DELETE CASCADE,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  kind text NOT NULL,
  from_state text,
  to_state text,
  provider text,
  endpoint text,
  http_status integer,
  provider_code text,
  latency_ms integer,
  instance text,
  message text
);
CREATE INDEX events_job ON verifier.events (job_id, id);

-- Helper functions for applications that prefer calls to raw inserts.
CREATE FUNCTION verifier.enqueue_finicity(
  customer_id text, receiver_name text, routing_number text, account_number text, account_type text,
  external_ref text DEFAULT NULL)
RETURNS bigint LANGUAGE sql AS $$
  INSERT INTO verifier.jobs (provider, customer_id, receiver_name, routing_number, account_number, account_type, external_ref)
  VALUES ('finicity', customer_id, receiver_name, routing_number, account_number, account_type, external_ref)
  RETURNING id
$$;

CREATE FUNCTION verifier.enqueue_folio(
  folio_account_number text, bank_link_oid text, owner_login_id text, external_ref text DEFAULT NULL)
RETURNS bigint LANGUAGE sql AS $$
  INSERT INTO verifier.jobs (provider, folio_account_number, bank_link_oid, owner_login_id, external_ref)
  VALUES ('folio', folio_account_number, bank_link_oid, owner_login_id, external_ref)
  RETURNING id
$$;

CREATE FUNCTION verifier.submit_amounts(job_id bigint, amount1 numeric, amount2 numeric)
RETURNS bigint LANGUAGE sql AS $$
  INSERT INTO verifier.amount_submissions (job_id, amounts) VALUES (job_id, ARRAY[amount1, amount2])
  RETURNING id
$$;

-- Cancels a live job that no daemon holds right now. Returns false when the job is finished or
-- leased (try again when the lease ends). The event history records the cancellation.
CREATE FUNCTION verifier.cancel(p_job_id bigint)
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, verifier AS $$
DECLARE
  old_state text;
BEGIN
  SELECT state INTO old_state FROM verifier.jobs
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
  INSERT INTO verifier.events (job_id, kind, from_state, to_state, message)
  VALUES (p_job_id, 'canceled', old_state, 'canceled', 'canceled by the application');
  RETURN true;
END
$$;

-- Privileges: the application role sees business columns and outcomes, never full account numbers
-- nor the account key, and writes only what it owns.
REVOKE ALL ON ALL TABLES IN SCHEMA verifier FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA verifier FROM PUBLIC;
GRANT USAGE ON SCHEMA verifier TO verifier_app, verifier_daemon;

GRANT INSERT (provider, external_ref, customer_id, receiver_name, routing_number, account_number, account_type,
              folio_account_number, bank_link_oid, owner_login_id)
  ON verifier.jobs TO verifier_app;
GRANT SELECT (id, provider, external_ref, customer_id, receiver_name, routing_number, account_type,
              folio_account_number, bank_link_oid, owner_login_id, account_last4, state, run_at,
              provider_account_id, attempts_remaining, outcome, provider_code, provider_message,
              created_at, updated_at, finished_at)
  ON verifier.jobs TO verifier_app;
GRANT INSERT (job_id, amounts) ON verifier.amount_submissions TO verifier_app;
GRANT SELECT ON verifier.amount_submissions, verifier.prompts, verifier.events TO verifier_app;
GRANT UPDATE (sent_at) ON verifier.prompts TO verifier_app;
GRANT EXECUTE ON FUNCTION verifier.enqueue_finicity(text, text, text, text, text, text),
                          verifier.enqueue_folio(text, text, text, text),
                          verifier.submit_amounts(bigint, numeric, numeric),
                          verifier.cancel(bigint)
  TO verifier_app;
-- Trigger functions run for the application's inserts; their helpers need EXECUTE too.
GRANT EXECUTE ON FUNCTION verifier.refuse(text, text, text, text),
                          verifier.require_text(text, text, text, integer),
                          verifier.forbid_text(text, text, text, text),
                          verifier.aba_checksum_ok(text)
  TO verifier_app, verifier_daemon;

GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA verifier TO verifier_daemon;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA verifier TO verifier_daemon;
