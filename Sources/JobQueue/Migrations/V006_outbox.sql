-- V006: the webhook outbox (issue 14; docs/webhooks.md). The daemon's write-back and its prompt
-- sweep append one row per event and subscribed endpoint in the same statement (or transaction)
-- as the change the event announces, so nothing is announced that did not happen and nothing
-- that happened is missed. The delivery worker claims rows like jobs (leases, SKIP LOCKED).
--
-- A job's events are numbered from its counter, advanced under the job row's lock by whoever
-- writes the event (the write-back's UPDATE, the sweep's), so one job's numbers never repeat.
ALTER TABLE verifier.jobs ADD COLUMN outbox_sequence integer NOT NULL DEFAULT 0;

CREATE TABLE verifier.outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- The event's id: the same for every endpoint it goes to, and again when it is re-sent.
  event_id uuid NOT NULL,
  endpoint text NOT NULL CHECK (endpoint ~ '^[a-z][a-z0-9]{0,31}$'),
  -- No foreign key: an event may still be on its way when its finished job is pruned.
  job_id bigint NOT NULL,
  sequence integer NOT NULL CHECK (sequence > 0),
  type text NOT NULL CHECK (type IN ('verification.initiated', 'verification.awaiting_amounts',
                                     'verification.prompt_due', 'verification.submission_verdict',
                                     'verification.finished')),
  provider text NOT NULL,
  external_ref text,
  -- What the event says beyond its envelope: states, outcome, attempts remaining, prompt kind.
  -- Never an account number, an amount or a secret.
  data jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  -- When the next attempt may start. A leased delivery is not due before its lease runs out
  -- (so an abandoned one is due again then); the claim writes only the lease columns, which no
  -- index holds, so it can update the row in place (HOT) without a new index entry.
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  lease_owner text,
  lease_token uuid,
  lease_expires_at timestamptz,
  last_attempt_at timestamptz,
  last_status integer,
  last_error text CHECK (length(last_error) <= 300),
  delivered_at timestamptz,
  -- Job first: the ordering checks look up one job's events for one endpoint, and the claim's
  -- endpoint filter must not pick this index over outbox_due (a bitmap of every row).
  UNIQUE (job_id, endpoint, sequence)
) WITH (fillfactor = 70);  -- room on each page for the claim's in-place update
-- The claim's scan: pending deliveries in the order they are due, over live rows only.
CREATE INDEX outbox_due ON verifier.outbox (next_attempt_at) WHERE status = 'pending';
-- Replay by event id, pruning and `replay --since` by age.
CREATE INDEX outbox_event ON verifier.outbox (event_id);
CREATE INDEX outbox_created ON verifier.outbox (created_at);

REVOKE ALL ON verifier.outbox FROM PUBLIC;
GRANT SELECT ON verifier.outbox TO verifier_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON verifier.outbox TO verifier_daemon;
