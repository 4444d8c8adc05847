-- Which version of its incident each change made (the incident's version after it: 0 for the declaration), so
-- redacting the timeline entry of a change (keyed act:<incident>:<version>) finds the change log's copy of its words.
ALTER TABLE incident_changes ADD COLUMN version INTEGER;

UPDATE incident_changes SET version = (
  SELECT COUNT(*) FROM incident_changes earlier
  WHERE earlier.incident_id = incident_changes.incident_id AND earlier.id < incident_changes.id);

CREATE INDEX incident_changes_by_version ON incident_changes (incident_id, version);
