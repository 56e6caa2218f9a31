// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.door;

/**
 * The door's lock relay. Implementations start locked and return to locked on shutdown, whatever the lock type.
 * Call from the door controller's context only.
 */
public interface DoorLock {
    void lock();

    void release();

    boolean isLocked();

    /** Whether the relay coil is powered now: for fail-safe locks while locked, for fail-secure while released. */
    boolean isEnergised();
}
