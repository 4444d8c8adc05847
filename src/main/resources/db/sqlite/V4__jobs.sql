-- Durable jobs: every timed thing (reminders, re-prompts, digests, stale-update reminders).
-- A key names a job; scheduling it again re-arms the same row with the next generation.
-- A claim holds until lease_until; a CLAIMED row whose lease expired is resumed by the next runner.
CREATE TABLE jobs (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  kind        TEXT    NOT NULL,
  job_key     TEXT    NOT NULL UNIQUE,
  payload     TEXT    NOT NULL,
  run_at      INTEGER NOT NULL,
  status      TEXT    NOT NULL CHECK (status IN ('PENDING', 'CLAIMED', 'DONE', 'FAILED', 'CANCELLED')),
  generation  INTEGER NOT NULL DEFAULT 1,
  attempts    INTEGER NOT NULL DEFAULT 0,
  lease_until INTEGER,
  claimed_by  TEXT,
  last_error  TEXT,
  created_at  INTEGER NOT NULL,
  done_at     INTEGER
);

-- what claiming reads: pending jobs by run time, claimed ones by lease
CREATE INDEX jobs_due ON jobs (status, run_at);
CREATE INDEX jobs_lease ON jobs (status, lease_until);
