-- The incident number each declaration took before its channel was made, kept under the declaration's request key
-- (the Slack request that asked for it), so a declaration that died after making its channel and before storing its
-- incident is retried under the same number, hence the same channel name, and adopts that channel. A number taken
-- and never used stays a gap. taken_at is epoch millis (Candor's clock). The same SQL on SQLite and PostgreSQL.
CREATE TABLE incident_numbers (
  request_key TEXT   NOT NULL PRIMARY KEY,
  number      BIGINT NOT NULL,
  taken_at    BIGINT NOT NULL
);

CREATE UNIQUE INDEX incident_numbers_by_number ON incident_numbers (number);
