-- The post-mortem of an incident: the decision, the meeting, Slack's reminders and the draft document.
CREATE TABLE postmortems (
  incident_id     INTEGER PRIMARY KEY REFERENCES incidents (id),
  decision        TEXT    NOT NULL,
  decided_by      TEXT,
  decided_at      INTEGER,
  reason          TEXT,
  meeting_start   TEXT,              -- ISO-8601 with the zone it was given in
  meeting_minutes INTEGER,
  facilitator     TEXT,
  attendees       TEXT,              -- user ids, comma-separated
  place           TEXT,
  sequence        INTEGER NOT NULL DEFAULT 0,
  reminders       TEXT    NOT NULL DEFAULT '', -- scheduled message ids, comma-separated
  document_kind   TEXT,
  document_id     TEXT,
  document_link   TEXT,
  remind_at       INTEGER,           -- when a "Remind me tomorrow" is due
  invited         INTEGER NOT NULL DEFAULT 0, -- the sequence whose .ics invite was shared
  version         INTEGER NOT NULL
);

-- How many private nudges went out in a channel: a count for the post-mortem, never who got them.
CREATE TABLE nudge_channel_counts (
  channel_id TEXT PRIMARY KEY,
  shown      INTEGER NOT NULL
);
