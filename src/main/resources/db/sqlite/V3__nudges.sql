-- Blameless nudges. Per person only what the cooldown needs (the last reply in a channel);
-- per rule only counts: no text, no person.
CREATE TABLE nudge_cooldowns (
  user_id    TEXT    NOT NULL,
  channel_id TEXT    NOT NULL,
  last_at    INTEGER NOT NULL,
  PRIMARY KEY (user_id, channel_id)
);

CREATE TABLE nudge_channels (
  channel_id TEXT    PRIMARY KEY,
  enabled    INTEGER NOT NULL,
  changed_by TEXT    NOT NULL,
  changed_at INTEGER NOT NULL
);

CREATE TABLE nudge_rule_counts (
  rule_id    TEXT    PRIMARY KEY,
  shown      INTEGER NOT NULL DEFAULT 0,
  counted    INTEGER NOT NULL DEFAULT 0,
  not_blame  INTEGER NOT NULL DEFAULT 0
);
