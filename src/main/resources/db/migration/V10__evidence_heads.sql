-- Each incident's head: how many entries its chain holds, the last one's hash and a MAC of its incident row,
-- all under one MAC (HMAC-SHA256 under the evidence key), moved in the transaction of every append and incident
-- change. No foreign key: a head outlives an incident row deleted by hand, and says it is missing.
CREATE TABLE incident_heads (
  incident_id  INTEGER PRIMARY KEY,
  entries      INTEGER NOT NULL,
  last_hash    TEXT    NOT NULL,
  incident_mac TEXT    NOT NULL,
  mac          TEXT    NOT NULL
);

-- One row over every head: how many incidents, the highest id, the XOR of the heads' MACs, and flaws a write
-- found; PENDING (with no MAC) until Candor next starts with the key and establishes the heads, once.
CREATE TABLE evidence_ledger (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  state         TEXT    NOT NULL,
  incidents     INTEGER NOT NULL DEFAULT 0,
  last_incident INTEGER NOT NULL DEFAULT 0,
  digest        TEXT    NOT NULL DEFAULT '',
  flaws         TEXT    NOT NULL DEFAULT '',
  mac           TEXT
);

INSERT INTO evidence_ledger (id, state) VALUES (1, 'PENDING');
