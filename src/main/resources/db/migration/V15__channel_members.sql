-- Who is in each incident channel, as Candor last heard it (member_joined_channel / member_left_channel events,
-- the people it invites, and full reads of conversations.members), so that App Home and /incident list ask Slack
-- nothing. Shared by every replica on the database.
--
-- A row per person who was ever seen in a channel: present 1 while they are in it, 0 once they left (kept, so an
-- older word never undoes a newer one). changed_at is when Candor heard it (epoch millis, Candor's clock): a change
-- is applied only over an older one.
CREATE TABLE channel_members (
  channel_id TEXT    NOT NULL,
  user_id    TEXT    NOT NULL,
  present    INTEGER NOT NULL,
  changed_at BIGINT  NOT NULL,
  PRIMARY KEY (channel_id, user_id)
);

CREATE INDEX channel_members_by_user ON channel_members (user_id, channel_id);

-- The channels whose whole member list Candor has read, and when last: only for these does it answer from the rows
-- above; another channel is read from Slack first.
CREATE TABLE channel_member_lists (
  channel_id TEXT   NOT NULL PRIMARY KEY,
  read_at    BIGINT NOT NULL
);
