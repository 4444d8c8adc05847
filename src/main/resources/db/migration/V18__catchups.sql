-- Who needs no catch-up of an incident, or has had theirs: a row per (incident, person), written once and never
-- changed. reason 'present' is someone in the channel when the incident was declared (the roster, read by a job
-- scheduled at declaration); 'joined' is someone who joined later, and job_token names the one job
-- (its id and generation) that sends them their catch-up, so a second job for the same join sends nothing.
-- The same SQL on SQLite and PostgreSQL.
CREATE TABLE catchups (
  incident_id BIGINT NOT NULL,
  user_id     TEXT   NOT NULL,
  reason      TEXT   NOT NULL,
  job_token   TEXT,
  recorded_at BIGINT NOT NULL,
  PRIMARY KEY (incident_id, user_id)
);
