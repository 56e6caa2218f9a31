// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.door;

/** A GPIO line of the door could not be set up or driven. */
public final class DoorHardwareException extends RuntimeException {
    public DoorHardwareException(String message, Throwable cause) {
        super(message, cause);
    }
}
