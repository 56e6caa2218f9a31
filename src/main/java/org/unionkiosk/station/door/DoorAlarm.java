// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.door;

/** Door alarms, named as access-control systems usually name them. */
public enum DoorAlarm {
    FORCED_OPEN, HELD_OPEN, TAMPER, FIRE;

    public String code() {
        return name().toLowerCase();
    }
}
