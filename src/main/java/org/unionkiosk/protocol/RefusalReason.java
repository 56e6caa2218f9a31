// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

/** Why a station refused a scan; {@link #code()} is what screens, events and central show. */
public enum RefusalReason {
    BAD_FORMAT, BAD_SIGNATURE, UNKNOWN_KEY, EXPIRED, NOT_YET_VALID, WRONG_SCOPE, REVOKED, SUSPENDED, REPLAYED,
    FULL, CLOSED, LOCKDOWN, RATE_LIMITED, CLOCK_UNSYNCED;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
