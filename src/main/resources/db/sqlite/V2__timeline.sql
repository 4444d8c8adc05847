-- Every Slack event, stored by event_id before it is acknowledged; processed into the timeline after.
CREATE TABLE events (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id     TEXT    NOT NULL UNIQUE,
  received_at  INTEGER NOT NULL,
  retry_num    INTEGER NOT NULL DEFAULT 0,
  body         TEXT    NOT NULL,
  processed_at INTEGER
);

CREATE INDEX events_unprocessed ON events (processed_at, seq);

-- Each incident's timeline: append-only (redaction may only null text), chained by seq.
CREATE TABLE timeline_entries (
  incident_id INTEGER NOT NULL REFERENCES incidents (id),
  seq         INTEGER NOT NULL,
  kind        TEXT    NOT NULL,
  entry_key   TEXT    NOT NULL,
  channel_id  TEXT    NOT NULL,
  ts          TEXT    NOT NULL,
  ts_micros   INTEGER NOT NULL,
  thread_ts   TEXT,
  actor       TEXT    NOT NULL,
  text        TEXT,
  content_mac TEXT    NOT NULL,
  secret_macs TEXT    NOT NULL DEFAULT '',
  ref_ts      TEXT,
  detail      TEXT    NOT NULL DEFAULT '',
  source      TEXT    NOT NULL,
  recorded_at INTEGER NOT NULL,
  prev_hash   TEXT    NOT NULL,
  hash        TEXT    NOT NULL,
  PRIMARY KEY (incident_id, seq),
  UNIQUE (incident_id, entry_key)
);

CREATE INDEX timeline_by_ts ON timeline_entries (incident_id, ts_micros, seq);
