-- Short leases, renewed by a heartbeat while the claiming runner lives: a claim is dead once its lease ran out.
-- died_runs counts this job's runs in a row whose process died before the run ended (a claim taken over), so a
-- job that keeps killing its process ends; a run that ends, however it ends, sets it back to 0.
ALTER TABLE jobs ADD COLUMN died_runs INTEGER NOT NULL DEFAULT 0;

-- what the heartbeat renews: one runner's claims
CREATE INDEX jobs_claimed_by ON jobs (claimed_by) WHERE status = 'CLAIMED';

-- what retention deletes: finished jobs, oldest first
CREATE INDEX jobs_finished ON jobs (done_at) WHERE status IN ('DONE', 'FAILED', 'CANCELLED');
