-- One row per configured locker. The owner is written before the lock is pulsed (state 'opening'), so a crash
-- never loses an assignment; at start-up 'opening' rows are settled by the door sensor, not pulsed again.
CREATE TABLE lockers (
    id         TEXT PRIMARY KEY,
    size       INTEGER NOT NULL,
    state      TEXT NOT NULL CHECK (state IN ('free', 'owned', 'opening', 'error', 'blocked')),
    owner      TEXT,
    since      TEXT,
    updated_at TEXT NOT NULL,
    CHECK ((state IN ('owned', 'opening')) = (owner IS NOT NULL) OR state IN ('error', 'blocked'))
);
