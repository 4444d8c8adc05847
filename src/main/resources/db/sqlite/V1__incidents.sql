-- Incidents and every change made to them. Times are epoch milliseconds (UTC).
CREATE TABLE incidents (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  channel_id        TEXT    NOT NULL UNIQUE,
  channel_name      TEXT    NOT NULL,
  title             TEXT    NOT NULL,
  title_key         TEXT    NOT NULL,
  summary           TEXT    NOT NULL DEFAULT '',
  severity          TEXT    NOT NULL,
  state             TEXT    NOT NULL,
  commander         TEXT,
  comms             TEXT,
  scribe            TEXT,
  private_channel   INTEGER NOT NULL,
  declared_by       TEXT    NOT NULL,
  origin_channel_id TEXT    NOT NULL,
  request_key       TEXT    UNIQUE,
  started_at        INTEGER NOT NULL,
  declared_at       INTEGER NOT NULL,
  mitigated_at      INTEGER,
  resolved_at       INTEGER,
  closed_at         INTEGER,
  last_update_at    INTEGER NOT NULL,
  version           INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX incidents_by_declarer ON incidents (declared_by, origin_channel_id, title_key, declared_at);
CREATE INDEX incidents_by_state ON incidents (state);

CREATE TABLE incident_changes (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  incident_id INTEGER NOT NULL REFERENCES incidents (id),
  kind        TEXT    NOT NULL,
  actor       TEXT    NOT NULL,
  at          INTEGER NOT NULL,
  value       TEXT    NOT NULL DEFAULT '',
  text        TEXT    NOT NULL DEFAULT ''
);

CREATE INDEX incident_changes_by_incident ON incident_changes (incident_id, id);
