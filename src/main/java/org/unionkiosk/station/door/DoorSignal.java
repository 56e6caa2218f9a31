// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.door;

/** An edge on one of the door's inputs, already translated from line levels. */
public enum DoorSignal {
    DOOR_OPENED, DOOR_CLOSED, EXIT_PRESSED, TAMPER_ON, TAMPER_OFF, FIRE_ON, FIRE_OFF
}
