-- V005: one rate limit per provider shared by every daemon on this database (issue 11).
-- The daemons lease permits from a provider's row under FOR UPDATE; the arithmetic lives in
-- Swift (FleetRateLaw) and is written back in the same transaction. The row's instants are the
-- database's clock, so hosts whose clocks disagree share one timeline. Applications may read it
-- (verifierd status does); only daemons write it.
CREATE TABLE verifier.rate_limits (
  provider text PRIMARY KEY CHECK (provider IN ('finicity', 'folio')),
  configured_rate double precision NOT NULL CHECK (configured_rate > 0),
  rate double precision NOT NULL CHECK (rate > 0),
  tokens double precision NOT NULL CHECK (tokens >= 0),
  refilled_at timestamptz NOT NULL,
  paused_until timestamptz,
  pause_cause text CHECK (length(pause_cause) <= 100),
  last_decrease_at timestamptz,
  generation bigint NOT NULL DEFAULT 0,
  last_refused_at timestamptz,
  granted_at_last_refusal bigint NOT NULL DEFAULT 0,
  window_start timestamptz NOT NULL,
  window_granted integer NOT NULL CHECK (window_granted >= 0),
  window_refused integer NOT NULL CHECK (window_refused >= 0),
  last_admitted_rate double precision,
  last_window_end timestamptz,
  granted_total bigint NOT NULL DEFAULT 0,
  refused_total bigint NOT NULL DEFAULT 0,
  pauses_total bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);

REVOKE ALL ON verifier.rate_limits FROM PUBLIC;
GRANT SELECT ON verifier.rate_limits TO verifier_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON verifier.rate_limits TO verifier_daemon;
