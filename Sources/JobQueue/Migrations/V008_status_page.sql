-- The status page (docs/status-page.md) counts the jobs enqueued in the last day, how far each
-- went: a BRIN index on created_at (rows are inserted in time order) keeps that read to the
-- day's pages however long the history.
CREATE INDEX jobs_created_at ON verifier.jobs USING brin (created_at);
