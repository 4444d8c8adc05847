-- How many private nudges went out in a channel each day (days since 1970-01-01, UTC), so insights show true
-- weekly figures: a count per channel per day, never who got them nor when within the day (a finer time could be
-- matched with a channel's messages to tell who was nudged). nudge_channel_counts keeps the channel's total for its
-- post-mortem.
-- The counts from before this migration have no time: each channel's total is put on the day its first incident was
-- declared, the week insights gave them until now. The same SQL on SQLite and PostgreSQL.
CREATE TABLE nudge_channel_days (
  channel_id TEXT   NOT NULL,
  day        BIGINT NOT NULL,
  shown      BIGINT NOT NULL,
  PRIMARY KEY (channel_id, day)
);

INSERT INTO nudge_channel_days (channel_id, day, shown)
SELECT n.channel_id, MIN(i.declared_at) / 86400000, n.shown
FROM nudge_channel_counts n JOIN incidents i ON i.channel_id = n.channel_id
GROUP BY n.channel_id, n.shown;
