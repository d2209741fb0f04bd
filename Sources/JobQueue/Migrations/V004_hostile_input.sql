-- verifierd schema, version 4: the contract closes its gaps, and account fingerprints are keyed.
--
-- Version 1 trimmed only ASCII spaces when it checked for blank fields, let control characters and
-- padded identifiers in, took any routing number that passed the checksum (000000000 does), read
-- arrays by position without asking where their subscripts start, took submissions for finished
-- jobs, and raced two sessions inserting the same account into the unique index's raw error. Its
-- account_key was an unsalted SHA-256 of routing and account number: with 4 to 17 digits and public
-- routing numbers, anyone who could read the column recovered the account number. And a failed
-- CHECK printed the whole row, account number included, to the client and to the server's log.

-- ## Text: one rule for every text column

-- Every Unicode White_Space character, and the invisible spaces that render as nothing (zero-width
-- space, joiners, word joiner, byte-order mark). A field made only of these is blank.
CREATE FUNCTION verifier.blank_characters() RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT E'\t\n\u000B\f\r \u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\u180E\u200B\u200C\u200D\u2060\uFEFF'
$$;

-- Whether `val` is empty once every blank character is removed.
CREATE FUNCTION verifier.is_blank(val text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT translate(val, verifier.blank_characters(), '') = ''
$$;

-- Control characters: C0 (U+0001 to U+001F, tab and newline among them), DEL and C1 (U+007F to
-- U+009F), and the bidirectional embedding, override and isolate controls (U+202A to U+202E,
-- U+2066 to U+2069), which reorder how the rest of a line is displayed.
CREATE FUNCTION verifier.has_control_character(val text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT val ~ '[\x01-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]'
$$;

-- Checks one required text field: present, not blank, no control character, not too long.
CREATE OR REPLACE FUNCTION verifier.require_text(tbl text, col text, val text, max_len int)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF val IS NULL THEN
    PERFORM verifier.refuse(tbl, col, 'is required');
  ELSIF verifier.is_blank(val) THEN
    PERFORM verifier.refuse(tbl, col, 'must not be empty',
      'a field made only of white space (of any kind: tabs, no-break or ideographic spaces) is empty');
  ELSIF verifier.has_control_character(val) THEN
    PERFORM verifier.refuse(tbl, col, 'must not contain control characters',
      'tabs, newlines, escape sequences, DEL and bidirectional controls are refused in every text column');
  ELSIF length(val) > max_len THEN
    PERFORM verifier.refuse(tbl, col, format('is too long (%s characters, at most %s)', length(val), max_len));
  END IF;
END
$$;

-- Checks one required identifier: a required text field that is also not padded. Identifiers are
-- compared exactly, so a padded one is refused rather than trimmed (trimming would change what the
-- application stored; keeping it would let ` cust-1` pass the one-live-job rule beside `cust-1`).
CREATE FUNCTION verifier.require_identifier(tbl text, col text, val text, max_len int)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM verifier.require_text(tbl, col, val, max_len);
  IF strpos(verifier.blank_characters(), left(val, 1)) > 0 THEN
    PERFORM verifier.refuse(tbl, col, 'must not start with white space',
      'identifiers are compared exactly: remove the padding (it is refused, not trimmed)');
  ELSIF strpos(verifier.blank_characters(), right(val, 1)) > 0 THEN
    PERFORM verifier.refuse(tbl, col, 'must not end with white space',
      'identifiers are compared exactly: remove the padding (it is refused, not trimmed)');
  END IF;
END
$$;

-- ## Routing numbers: a bank's prefix as well as the checksum

-- The first two digits of an ABA routing number say what issued it: 01 to 12 the twelve Federal
-- Reserve districts (banks), 21 to 32 the same districts' thrift institutions, 61 to 72 electronic
-- transactions (ACH-only numbers), 80 traveler's cheques. 00 is the United States government's and
-- every other prefix is unassigned: no bank account can have one.
CREATE FUNCTION verifier.aba_prefix_ok(routing text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT routing ~ '^[0-9]{2}' AND (
    substr(routing, 1, 2)::int BETWEEN 1 AND 12 OR substr(routing, 1, 2)::int BETWEEN 21 AND 32
    OR substr(routing, 1, 2)::int BETWEEN 61 AND 72 OR substr(routing, 1, 2)::int = 80)
$$;

-- ## Keyed account fingerprints

-- HMAC-SHA-256 (RFC 2104) of `message` under `key`, built on the server's own sha256 (no extension
-- needed). Used by the migration to derive the stored pads; holds no secret itself.
CREATE FUNCTION verifier.hmac_sha256(key bytea, message bytea) RETURNS bytea
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  k bytea := key;
  inner_pad bytea;
  outer_pad bytea;
BEGIN
  IF length(k) > 64 THEN
    k := sha256(k);
  END IF;
  k := k || decode(repeat('00', 64 - length(k)), 'hex');
  inner_pad := k;
  outer_pad := k;
  FOR i IN 0..63 LOOP
    inner_pad := set_byte(inner_pad, i, get_byte(k, i) # 54);   -- 0x36
    outer_pad := set_byte(outer_pad, i, get_byte(k, i) # 92);   -- 0x5c
  END LOOP;
  RETURN sha256(outer_pad || sha256(inner_pad || message));
END
$$;

-- The per-database secret of the account fingerprints: a random 256-bit key, stored as its two
-- HMAC pads (what the key would be XORed into on every call). Readable by the schema's owner only:
-- no application or daemon role may read it, and only the SECURITY DEFINER insert trigger uses it.
CREATE TABLE verifier.fingerprint_key (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  inner_pad bytea NOT NULL,
  outer_pad bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
REVOKE ALL ON verifier.fingerprint_key FROM PUBLIC, verifier_app, verifier_daemon;

DO $$
DECLARE
  -- gen_random_uuid draws from the server's strong random source; three give 366 random bits.
  key bytea := sha256(decode(replace(gen_random_uuid()::text || gen_random_uuid()::text
                                     || gen_random_uuid()::text, '-', ''), 'hex'));
  k bytea := key || decode(repeat('00', 32), 'hex');
  inner_pad bytea := k;
  outer_pad bytea := k;
BEGIN
  FOR i IN 0..63 LOOP
    inner_pad := set_byte(inner_pad, i, get_byte(k, i) # 54);
    outer_pad := set_byte(outer_pad, i, get_byte(k, i) # 92);
  END LOOP;
  INSERT INTO verifier.fingerprint_key (inner_pad, outer_pad) VALUES (inner_pad, outer_pad);
END
$$;

-- The keyed fingerprint of an unkeyed one (the hex SHA-256 of `routing:account` that version 1
-- stored): HMAC-SHA-256 under the database's key, in hex. Keying the old value rather than the
-- account number lets the migration re-key rows whose account number is already gone, and gives
-- new rows the same fingerprint an old row of the same account now has. No role but the owner may
-- call it: a caller could otherwise try every account number of a routing number.
CREATE FUNCTION verifier.account_fingerprint(unkeyed text) RETURNS text
LANGUAGE sql STABLE STRICT AS $$
  SELECT encode(sha256(outer_pad || sha256(inner_pad || convert_to(unkeyed, 'UTF8'))), 'hex')
    FROM verifier.fingerprint_key
$$;
REVOKE ALL ON FUNCTION verifier.account_fingerprint(text) FROM PUBLIC, verifier_app, verifier_daemon;

UPDATE verifier.jobs SET account_key = verifier.account_fingerprint(account_key)
 WHERE account_key IS NOT NULL;

COMMENT ON COLUMN verifier.jobs.account_key IS
  'HMAC-SHA-256, under the database''s own secret key, of the SHA-256 of routing and account number: '
  'keeps the live-job rule after the account number is cleared, and cannot be reversed without the key';

-- ## The job insert

-- Validates an application's INSERT and fills the derived columns. Runs with the owner's rights so
-- the live-job check can read columns the application role may not, and the fingerprint key.
CREATE OR REPLACE FUNCTION verifier.jobs_before_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, verifier AS $$
DECLARE
  live_id bigint;
  what text;
BEGIN
  IF NEW.provider IS NULL OR verifier.is_blank(NEW.provider) THEN
    PERFORM verifier.refuse('jobs', 'provider', 'is required', 'one of: finicity, folio');
  END IF;
  IF NEW.external_ref IS NOT NULL THEN
    PERFORM verifier.require_identifier('jobs', 'external_ref', NEW.external_ref, 255);
  END IF;
  IF NEW.provider = 'finicity' THEN
    PERFORM verifier.require_identifier('jobs', 'customer_id', NEW.customer_id, 64);
    PERFORM verifier.require_text('jobs', 'receiver_name', NEW.receiver_name, 255);
    PERFORM verifier.require_text('jobs', 'routing_number', NEW.routing_number, 9);
    PERFORM verifier.require_text('jobs', 'account_number', NEW.account_number, 17);
    PERFORM verifier.require_text('jobs', 'account_type', NEW.account_type, 32);
    IF NEW.routing_number !~ '^[0-9]{9}$' THEN
      PERFORM verifier.refuse('jobs', 'routing_number', 'must be exactly 9 digits');
    ELSIF NOT verifier.aba_prefix_ok(NEW.routing_number) THEN
      PERFORM verifier.refuse('jobs', 'routing_number', 'has a prefix no bank can have',
        'the first two digits of a bank''s routing number are 01-12, 21-32, 61-72 or 80');
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
    NEW.account_key := verifier.account_fingerprint(
      encode(sha256(convert_to(NEW.routing_number || ':' || NEW.account_number, 'UTF8')), 'hex'));
    -- Serialise inserts of one customer's account, so that of two sessions inserting it at once
    -- the second waits for the first and gets this refusal, not the unique index's raw error.
    PERFORM pg_advisory_xact_lock(1986359913, hashtext('finicity:' || NEW.customer_id || ':' || NEW.account_key));
    SELECT id INTO live_id FROM verifier.jobs
      WHERE provider = 'finicity' AND finished_at IS NULL
        AND customer_id = NEW.customer_id AND account_key = NEW.account_key
      LIMIT 1;
    what := 'this customer and account';
  ELSIF NEW.provider = 'folio' THEN
    PERFORM verifier.require_identifier('jobs', 'folio_account_number', NEW.folio_account_number, 32);
    PERFORM verifier.require_identifier('jobs', 'bank_link_oid', NEW.bank_link_oid, 64);
    PERFORM verifier.require_identifier('jobs', 'owner_login_id', NEW.owner_login_id, 128);
    PERFORM verifier.forbid_text('jobs', 'customer_id', NEW.customer_id, 'folio');
    PERFORM verifier.forbid_text('jobs', 'receiver_name', NEW.receiver_name, 'folio');
    PERFORM verifier.forbid_text('jobs', 'routing_number', NEW.routing_number, 'folio');
    PERFORM verifier.forbid_text('jobs', 'account_number', NEW.account_number, 'folio');
    PERFORM verifier.forbid_text('jobs', 'account_type', NEW.account_type, 'folio');
    PERFORM pg_advisory_xact_lock(1986359913,
      hashtext('folio:' || NEW.folio_account_number || ':' || NEW.bank_link_oid));
    SELECT id INTO live_id FROM verifier.jobs
      WHERE provider = 'folio' AND finished_at IS NULL
        AND folio_account_number = NEW.folio_account_number AND bank_link_oid = NEW.bank_link_oid
      LIMIT 1;
    what := 'this bank link';
  ELSE
    PERFORM verifier.refuse('jobs', 'provider', 'is not a known provider', 'one of: finicity, folio');
  END IF;
  IF live_id IS NOT NULL THEN
    RAISE EXCEPTION 'verifier.jobs: a live verification already exists for % (job %)', what, live_id
      USING ERRCODE = 'unique_violation', SCHEMA = 'verifier', TABLE = 'jobs',
            HINT = 'wait for it to finish, or cancel it with verifier.cancel(job_id)';
  END IF;
  RETURN NEW;
END
$$;

-- ## The submission insert

CREATE OR REPLACE FUNCTION verifier.amount_submissions_before_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, verifier AS $$
DECLARE
  amount numeric;
  job_state text;
  job_finished boolean;
  job_canceling boolean;
BEGIN
  IF NEW.job_id IS NULL THEN
    PERFORM verifier.refuse('amount_submissions', 'job_id', 'is required');
  END IF;
  IF NEW.amounts IS NULL THEN
    PERFORM verifier.refuse('amount_submissions', 'amounts', 'is required', 'two amounts, e.g. ARRAY[0.12, 0.34]');
  END IF;
  IF coalesce(array_ndims(NEW.amounts), 1) <> 1 THEN
    PERFORM verifier.refuse('amount_submissions', 'amounts',
      format('must be a one-dimensional array (got %s dimensions)', array_ndims(NEW.amounts)),
      'two amounts, e.g. ARRAY[0.12, 0.34]');
  END IF;
  IF cardinality(NEW.amounts) <> 2 THEN
    PERFORM verifier.refuse('amount_submissions', 'amounts',
      format('must hold exactly two amounts (got %s)', cardinality(NEW.amounts)), 'two amounts, e.g. ARRAY[0.12, 0.34]');
  END IF;
  IF array_lower(NEW.amounts, 1) <> 1 THEN
    PERFORM verifier.refuse('amount_submissions', 'amounts',
      format('must be subscripted from 1 (got [%s:%s])', array_lower(NEW.amounts, 1), array_upper(NEW.amounts, 1)),
      'build it with ARRAY[...] or ''{...}'', without explicit bounds');
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
  SELECT state, finished_at IS NOT NULL, cancel_requested_at IS NOT NULL
    INTO job_state, job_finished, job_canceling
    FROM verifier.jobs WHERE id = NEW.job_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'verifier.amount_submissions: job_id % does not exist', NEW.job_id
      USING ERRCODE = 'foreign_key_violation', SCHEMA = 'verifier', TABLE = 'amount_submissions', COLUMN = 'job_id';
  ELSIF job_finished THEN
    PERFORM verifier.refuse('amount_submissions', 'job_id',
      format('belongs to a job that has finished (state %s)', job_state),
      'a finished job takes no amounts; start a new verification to try again');
  ELSIF job_canceling THEN
    PERFORM verifier.refuse('amount_submissions', 'job_id',
      format('belongs to a job being canceled (state %s)', job_state),
      'a job asked to cancel takes no amounts');
  END IF;
  -- The application owns only the amounts; the daemon owns the rest.
  NEW.status := 'pending';
  NEW.reason := NULL;
  NEW.attempts_remaining := NULL;
  NEW.processed_at := NULL;
  RETURN NEW;
END
$$;

-- ## Errors that print rows

-- A failed CHECK or unique index prints the failing row or key in the error's detail, to the client
-- and to the server's log, unless row-level security is on for the table: then PostgreSQL prints no
-- row at all for any role but the owner. Every role sees every row (the policies are `true`): the
-- column privileges remain what decides who reads what.
ALTER TABLE verifier.jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE verifier.amount_submissions ENABLE ROW LEVEL SECURITY;
ALTER TABLE verifier.prompts ENABLE ROW LEVEL SECURITY;
ALTER TABLE verifier.events ENABLE ROW LEVEL SECURITY;
CREATE POLICY every_row ON verifier.jobs USING (true) WITH CHECK (true);
CREATE POLICY every_row ON verifier.amount_submissions USING (true) WITH CHECK (true);
CREATE POLICY every_row ON verifier.prompts USING (true) WITH CHECK (true);
CREATE POLICY every_row ON verifier.events USING (true) WITH CHECK (true);

REVOKE ALL ON FUNCTION verifier.blank_characters(), verifier.is_blank(text),
                       verifier.has_control_character(text),
                       verifier.require_identifier(text, text, text, integer),
                       verifier.aba_prefix_ok(text), verifier.hmac_sha256(bytea, bytea)
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION verifier.blank_characters(), verifier.is_blank(text),
                          verifier.has_control_character(text),
                          verifier.require_identifier(text, text, text, integer),
                          verifier.aba_prefix_ok(text), verifier.hmac_sha256(bytea, bytea)
  TO verifier_app, verifier_daemon;
