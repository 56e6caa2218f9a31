-- SPDX-License-Identifier: Apache-2.0
-- Provisioning (docs/provisioning.md): one-time claims, found by the SHA-256 of their secret (the secret itself is
-- never stored), and each station's identities: its own public key, the Pi's serial, when enrolled and retired.
CREATE TABLE provisioning_claims (
    id          VARCHAR(32)  PRIMARY KEY,
    token_hash  VARCHAR(64)  NOT NULL UNIQUE,
    station     VARCHAR(130) NOT NULL,
    site        VARCHAR(64)  NOT NULL,
    config      TEXT,
    created_by  VARCHAR(64)  NOT NULL,
    created_at  BIGINT       NOT NULL,
    expires_at  BIGINT       NOT NULL,
    used_at     BIGINT,
    public_key  VARCHAR(64),
    serial      VARCHAR(64)
);
CREATE INDEX provisioning_claims_open ON provisioning_claims (expires_at);

CREATE TABLE station_identities (
    id          VARCHAR(32)  PRIMARY KEY,
    station     VARCHAR(130) NOT NULL,
    public_key  VARCHAR(64)  NOT NULL,
    serial      VARCHAR(64),
    claim_id    VARCHAR(32)  NOT NULL,
    enrolled_at BIGINT       NOT NULL,
    retired_at  BIGINT
);
CREATE INDEX station_identities_station ON station_identities (station, retired_at);
