-- SPDX-License-Identifier: Apache-2.0
-- Central schema, version 1. The PostgreSQL twin differs only in generated ids (keep them in step).
-- Times are epoch milliseconds (UTC); booleans are 0/1 integers; JSON documents are text.

CREATE TABLE events (
    station     VARCHAR(130) NOT NULL,
    seq         BIGINT       NOT NULL,
    ts          BIGINT       NOT NULL,
    type        VARCHAR(64)  NOT NULL,
    member      VARCHAR(64),
    body        TEXT         NOT NULL,
    received_at BIGINT       NOT NULL,
    PRIMARY KEY (station, seq)
);
CREATE INDEX events_received ON events (received_at);
CREATE INDEX events_member ON events (member);

-- Per station: what was stored, so gaps in seq show (max - min + 1 - stored) without scanning events.
CREATE TABLE station_seq (
    station    VARCHAR(130) PRIMARY KEY,
    min_seq    BIGINT NOT NULL,
    max_seq    BIGINT NOT NULL,
    stored     BIGINT NOT NULL,
    duplicates BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE rejects (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    received_at BIGINT       NOT NULL,
    topic       VARCHAR(512) NOT NULL,
    reason      VARCHAR(32)  NOT NULL,
    detail      VARCHAR(512),
    payload     TEXT
);

CREATE TABLE stations (
    station         VARCHAR(130) PRIMARY KEY,
    site            VARCHAR(64)  NOT NULL,
    online          INTEGER      NOT NULL DEFAULT 0,
    session         BIGINT       NOT NULL DEFAULT -1,
    state_at        BIGINT,
    boot            VARCHAR(64),
    version         VARCHAR(64),
    status          TEXT,
    status_at       BIGINT,
    reported_config TEXT,
    config_at       BIGINT
);

CREATE TABLE usage_hourly (
    station VARCHAR(130) NOT NULL,
    site    VARCHAR(64)  NOT NULL,
    hour    BIGINT       NOT NULL,
    metric  VARCHAR(96)  NOT NULL,
    n       BIGINT       NOT NULL,
    PRIMARY KEY (station, hour, metric)
);
CREATE INDEX usage_hourly_site ON usage_hourly (site, hour);

CREATE TABLE usage_daily (
    station VARCHAR(130) NOT NULL,
    site    VARCHAR(64)  NOT NULL,
    day     VARCHAR(10)  NOT NULL,
    metric  VARCHAR(96)  NOT NULL,
    n       BIGINT       NOT NULL,
    PRIMARY KEY (station, day, metric)
);
CREATE INDEX usage_daily_site ON usage_daily (site, day);

CREATE TABLE users (
    name          VARCHAR(64)  PRIMARY KEY,
    role          VARCHAR(16)  NOT NULL,
    password_hash VARCHAR(256) NOT NULL,
    created_at    BIGINT       NOT NULL
);

CREATE TABLE sessions (
    id_hash    VARCHAR(64) PRIMARY KEY,
    username   VARCHAR(64) NOT NULL REFERENCES users (name) ON DELETE CASCADE,
    created_at BIGINT      NOT NULL,
    expires_at BIGINT      NOT NULL,
    address    VARCHAR(64)
);

CREATE TABLE audit (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    at      BIGINT       NOT NULL,
    actor   VARCHAR(64)  NOT NULL,
    address VARCHAR(64),
    action  VARCHAR(64)  NOT NULL,
    target  VARCHAR(256),
    detail  TEXT
);

CREATE TABLE commands (
    id          VARCHAR(64)  PRIMARY KEY,
    station     VARCHAR(130) NOT NULL,
    name        VARCHAR(32)  NOT NULL,
    args        TEXT         NOT NULL,
    issued_by   VARCHAR(64)  NOT NULL,
    issued_at   BIGINT       NOT NULL,
    expires_at  BIGINT       NOT NULL,
    answer_by   BIGINT       NOT NULL,
    outcome     VARCHAR(16)  NOT NULL,
    reason      VARCHAR(512),
    answered_at BIGINT,
    desired_id  BIGINT
);
CREATE INDEX commands_station ON commands (station, issued_at);
CREATE INDEX commands_pending ON commands (outcome, answer_by);

-- What central wants every station in scope to hold (revocations, suspensions), and each station's answer.
CREATE TABLE desired (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    command      VARCHAR(32)  NOT NULL,
    arg_name     VARCHAR(16)  NOT NULL,
    arg_value    VARCHAR(128) NOT NULL,
    scope        VARCHAR(130) NOT NULL,
    created_by   VARCHAR(64)  NOT NULL,
    created_at   BIGINT       NOT NULL
);

CREATE TABLE desired_delivery (
    desired_id BIGINT       NOT NULL REFERENCES desired (id),
    station    VARCHAR(130) NOT NULL,
    command_id VARCHAR(64),
    outcome    VARCHAR(16)  NOT NULL,
    updated_at BIGINT       NOT NULL,
    PRIMARY KEY (desired_id, station)
);

CREATE TABLE members (
    member_id  VARCHAR(64)  PRIMARY KEY,
    name       VARCHAR(128),
    phone_enc  VARCHAR(256),
    occupation VARCHAR(64),
    union_name VARCHAR(128),
    status     VARCHAR(16)  NOT NULL,
    created_at BIGINT       NOT NULL,
    erased_at  BIGINT
);

CREATE TABLE badges (
    badge_id   VARCHAR(64) PRIMARY KEY,
    member_id  VARCHAR(64) NOT NULL REFERENCES members (member_id),
    kind       VARCHAR(16) NOT NULL,
    scope      VARCHAR(130) NOT NULL,
    issued_at  BIGINT      NOT NULL,
    expires_at BIGINT      NOT NULL,
    status     VARCHAR(16) NOT NULL
);
CREATE INDEX badges_member ON badges (member_id);
