-- [Not blame] is counted once per nudge: the nudge's random token, kept once its answer was counted.
-- No person, no text, no channel: only that this button was pressed already.
CREATE TABLE nudge_answers (
  token TEXT PRIMARY KEY
);
