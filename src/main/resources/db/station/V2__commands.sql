-- Ids of remote commands already executed, kept past their expiry so a replay is recognised.
CREATE TABLE commands_seen (
    id         TEXT PRIMARY KEY,
    expires_at TEXT NOT NULL
);
-- Remotely managed settings (the config command): key -> JSON value, applied over kiosk.yaml.
CREATE TABLE remote_config (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
