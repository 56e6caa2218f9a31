// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.fleet;

/** What central believes about a station's link. */
public enum Presence {
    /** Its latest birth is current and its status is recent. */
    ONLINE,
    /** Its will or clean goodbye of the latest session arrived. */
    OFFLINE,
    /** Born, but no status for {@code 3 × fleet.statusIntervalSeconds}: a hung station or a half-open link. */
    STALE,
    /** Never heard from. */
    UNKNOWN;

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
