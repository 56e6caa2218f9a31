-- Phone entry (docs/phone-entry.md): stations' own public keys, door-token nonces already spent, and the phone
-- registration fields of a member (phone encrypted in phone_enc, found by its keyed hash, never stored in clear).
CREATE TABLE station_keys (
    station       VARCHAR(130) PRIMARY KEY,
    public_key    VARCHAR(64)  NOT NULL,
    registered_at BIGINT       NOT NULL,
    registered_by VARCHAR(64)  NOT NULL
);

CREATE TABLE door_tokens_used (
    nonce      VARCHAR(64)  PRIMARY KEY,
    station    VARCHAR(130) NOT NULL,
    expires_at BIGINT       NOT NULL
);
CREATE INDEX door_tokens_used_expiry ON door_tokens_used (expires_at);

ALTER TABLE members ADD COLUMN phone_hash VARCHAR(64);
ALTER TABLE members ADD COLUMN union_member SMALLINT;
ALTER TABLE members ADD COLUMN consent_at BIGINT;
CREATE UNIQUE INDEX members_phone_hash ON members (phone_hash);

-- One row per entry granted to a named member (badge, phone code or phone entry), written by ingest with the
-- event: what visits served by occupation are counted from; kept phone.visitRetentionDays.
CREATE TABLE visits (
    station    VARCHAR(130) NOT NULL,
    seq        BIGINT       NOT NULL,
    site       VARCHAR(64)  NOT NULL,
    member_id  VARCHAR(64)  NOT NULL,
    occupation VARCHAR(32)  NOT NULL,
    first_time SMALLINT     NOT NULL,
    via        VARCHAR(16)  NOT NULL,
    ts         BIGINT       NOT NULL,
    PRIMARY KEY (station, seq)
);
CREATE INDEX visits_site_ts ON visits (site, ts);
CREATE INDEX visits_member ON visits (member_id);
