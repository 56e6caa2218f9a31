// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.door;

/** Why the lock was released, which decides what the next door opening means for occupancy. */
public enum Passage {
    /** A badge granted at an entry reader: the opening is one person coming in. */
    ENTRY,
    /** Exit button or exit reader: the opening is one person leaving. */
    EXIT,
    /** Remote unlock or fire alarm: nobody is counted. */
    UNCOUNTED;

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
