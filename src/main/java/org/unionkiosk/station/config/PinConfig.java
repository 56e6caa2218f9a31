// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.config;

/**
 * One BCM GPIO line. {@code activeLow}: the device is "on" (relay energised, door open, button pressed) when the
 * line is LOW; only the Pi4J implementations read it.
 */
public record PinConfig(int bcm, boolean activeLow) {
    public static final int MAX_BCM = 27;
}
