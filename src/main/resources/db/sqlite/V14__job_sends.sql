-- When a job first began to send something (a message to a channel, a file), stored before it is sent: a run that
-- follows a crash or a failure looks for what may have gone out from then on, and sends it only if it is not there.
-- A row lives while its job (that generation of it) is unfinished.
CREATE TABLE job_sends (
  job_key    TEXT    NOT NULL,
  generation INTEGER NOT NULL,
  target     TEXT    NOT NULL,
  begun_at   INTEGER NOT NULL,
  PRIMARY KEY (job_key, generation, target)
);
