-- Jobs in a queue run one at a time, in the order they were scheduled (an incident channel's
-- announcements): a queued job is claimed only once every earlier job of its queue has finished.
ALTER TABLE jobs ADD COLUMN queue TEXT;

-- what claiming reads to find an unfinished earlier job of the same queue
CREATE INDEX jobs_queue ON jobs (queue, id) WHERE queue IS NOT NULL;
