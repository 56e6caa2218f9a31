-- SPDX-License-Identifier: Apache-2.0
-- The last self-test report of each station (docs/selftest.md), as sent on kiosk/v1/{site}/{station}/selftest;
-- selftest_at is the report's own time in epoch ms: the latest test wins, not the latest delivery.
ALTER TABLE stations ADD COLUMN selftest TEXT;
ALTER TABLE stations ADD COLUMN selftest_at BIGINT;
