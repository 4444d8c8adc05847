-- Which issue in the tracker (GitHub Issues) each follow-up is: written by the follow-up's sync job once the tracker
-- made the issue (or once the job, resumed after a crash, found the one it had made by the mark in its body), so a
-- follow-up is one issue, never two. issue_key is the tracker's name for it (owner/name#12), issue_url its address
-- for people, linked_at when Candor learned it (epoch millis, Candor's clock). The same SQL on SQLite and PostgreSQL.
CREATE TABLE tracker_issues (
  follow_up_id BIGINT NOT NULL PRIMARY KEY,
  tracker      TEXT   NOT NULL,
  issue_key    TEXT   NOT NULL,
  issue_url    TEXT   NOT NULL,
  linked_at    BIGINT NOT NULL
);

CREATE UNIQUE INDEX tracker_issues_by_key ON tracker_issues (tracker, issue_key);
