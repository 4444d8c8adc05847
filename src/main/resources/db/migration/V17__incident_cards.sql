-- The living incident card: the one message per incident that Candor keeps current with chat.update (in the
-- incident channel, and its copy in INCIDENTS_CHANNEL). A row per incident and place ('CHANNEL' or 'COPY'):
-- where the message is (channel_id, ts), a hash of what it last showed (an edit that would show the same is not
-- made), how often it was posted again after someone deleted it, and when it was last written (epoch millis).
CREATE TABLE incident_cards (
  incident_id   BIGINT  NOT NULL,
  place         TEXT    NOT NULL,
  channel_id    TEXT    NOT NULL,
  ts            TEXT    NOT NULL,
  rendered_hash TEXT    NOT NULL,
  reposts       INTEGER NOT NULL,
  updated_at    BIGINT  NOT NULL,
  PRIMARY KEY (incident_id, place)
);
