-- Each stored event is processed by one replica: a processor claims a batch of unprocessed events (claimed_by, its
-- id; lease_until, epoch millis on Candor's clock) by an update guarded on the claim it read, and marks them processed
-- when done. A claim whose lease ran out is a dead (or stuck) processor's, and another one takes the events over.
-- The same SQL on SQLite and PostgreSQL.
ALTER TABLE events ADD COLUMN claimed_by TEXT;
ALTER TABLE events ADD COLUMN lease_until BIGINT;
