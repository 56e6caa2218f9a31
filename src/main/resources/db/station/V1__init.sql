-- Events are append-only; seq never repeats, even after rows are pruned (AUTOINCREMENT).
CREATE TABLE events (
    seq  INTEGER PRIMARY KEY AUTOINCREMENT,
    ts   TEXT NOT NULL,
    type TEXT NOT NULL,
    body TEXT NOT NULL
);
-- Events not yet acknowledged by the broker; the MQTT outbox drains this in seq order.
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY REFERENCES events (seq)
);
CREATE TABLE trusted_keys (
    public_key BLOB PRIMARY KEY,
    kid        TEXT NOT NULL,
    source     TEXT NOT NULL,
    added_at   TEXT NOT NULL
);
CREATE TABLE revocations (
    kind     TEXT NOT NULL CHECK (kind IN ('badge', 'member')),
    value    TEXT NOT NULL,
    reason   TEXT,
    added_at TEXT NOT NULL,
    PRIMARY KEY (kind, value)
);
CREATE TABLE suspensions (
    member_id TEXT PRIMARY KEY,
    until     TEXT,
    added_at  TEXT NOT NULL
);
CREATE TABLE counters (
    name       TEXT PRIMARY KEY,
    value      INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);
