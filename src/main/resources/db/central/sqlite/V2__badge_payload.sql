-- SPDX-License-Identifier: Apache-2.0
-- The signed badge text, so a lost printout can be printed again without issuing a new badge.
ALTER TABLE badges ADD COLUMN payload TEXT;
