-- Follow-ups of incidents. The due date is a calendar date in the owner's time zone.
CREATE TABLE followups (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  incident_id INTEGER NOT NULL REFERENCES incidents (id),
  title       TEXT    NOT NULL,
  owner       TEXT    NOT NULL,
  owner_zone  TEXT    NOT NULL,
  due         TEXT    NOT NULL,
  level       TEXT    NOT NULL,
  status      TEXT    NOT NULL,
  drop_reason TEXT,
  created_by  TEXT    NOT NULL,
  created_at  INTEGER NOT NULL
);

CREATE INDEX followups_by_incident ON followups (incident_id, status, due);
CREATE INDEX followups_by_owner ON followups (owner, status, due);
