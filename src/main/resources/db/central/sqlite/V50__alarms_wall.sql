-- SPDX-License-Identifier: Apache-2.0
-- Alarms raised from station events and status, and read-only wall-display links (issue 11, the console).
-- Numbered 50 so central's own migrations (V2, V3, ...) can land before it without renumbering.

CREATE TABLE alarms (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    station     VARCHAR(130) NOT NULL,
    site        VARCHAR(64)  NOT NULL,
    code        VARCHAR(32)  NOT NULL,
    subject     VARCHAR(64)  NOT NULL,
    severity    VARCHAR(16)  NOT NULL,
    raised_at   BIGINT       NOT NULL,
    detail      VARCHAR(512),
    cleared_at  BIGINT,
    acked_by    VARCHAR(64),
    acked_at    BIGINT,
    ack_note    VARCHAR(512)
);
-- At most one open alarm per station, code and subject (a locker id, a scanner id, or '' for the station).
CREATE UNIQUE INDEX alarms_open ON alarms (station, code, subject) WHERE cleared_at IS NULL;
CREATE INDEX alarms_raised ON alarms (raised_at);

CREATE TABLE wall_tokens (
    token_hash VARCHAR(64)  PRIMARY KEY,
    label      VARCHAR(128) NOT NULL,
    created_by VARCHAR(64)  NOT NULL,
    created_at BIGINT       NOT NULL,
    revoked_at BIGINT
);

-- The console's station page and monthly reports read events of a station or a month by time.
CREATE INDEX events_station_ts ON events (station, ts);
CREATE INDEX events_ts ON events (ts);
