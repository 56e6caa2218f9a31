// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.config;

/** The Pi4J platform: gpiod on a Pi 4/5, linuxfs on older kernels, mock anywhere else (simulation, tests). */
public enum Platform {
    GPIOD, LINUXFS, MOCK;

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
