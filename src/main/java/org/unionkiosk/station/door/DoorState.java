// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.door;

/** LOCKED: closed and locked. UNLOCKED: closed, lock released. OPEN: the door stands open. */
public enum DoorState {
    LOCKED, UNLOCKED, OPEN;

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
