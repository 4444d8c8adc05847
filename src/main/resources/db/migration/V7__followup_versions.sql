-- Follow-ups can be edited and reassigned: each change bumps the version, so a form opened on an older
-- version (a stale or double submission) changes nothing, and each change is one timeline entry.
ALTER TABLE followups ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
-- the weekly digest reads every open follow-up
CREATE INDEX followups_open ON followups (status, incident_id);
