-- Command replay records kept their expiry as Instant.toString() text and were pruned by string comparison, so
-- "+12294-..." sorted before "2026-..." and a far-future record was pruned at once. Store epoch seconds instead;
-- a text that SQLite cannot read as a time is kept for good (refusing a replay is the safe side).
CREATE TABLE commands_seen_epoch (
    id         TEXT PRIMARY KEY,
    expires_at INTEGER NOT NULL
);
INSERT INTO commands_seen_epoch (id, expires_at)
    SELECT id, coalesce(CAST(strftime('%s', expires_at) AS INTEGER), 9223372036854775807) FROM commands_seen;
DROP TABLE commands_seen;
ALTER TABLE commands_seen_epoch RENAME TO commands_seen;
CREATE INDEX commands_seen_expiry ON commands_seen (expires_at);
