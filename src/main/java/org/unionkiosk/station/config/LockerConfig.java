// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.config;

import java.time.Duration;
import java.util.List;

/**
 * The station's lockers: banks of hardware, pulse timing and rental policy. Null in StationConfig when absent.
 *
 * @param releaseScan   a second scan by the owner this soon after an opening asks to return the locker
 * @param releaseWindow the locker is freed if its door is closed within this time after that request
 */
public record LockerConfig(Duration pulse, Duration gap, Duration leftOpen, Duration overdue, int perMember,
                           Duration releaseScan, Duration releaseWindow, List<Bank> banks) {
    public static final Duration DEFAULT_PULSE = Duration.ofMillis(400);

    public LockerConfig {
        banks = List.copyOf(banks);
    }

    /**
     * One bank. {@code mcp23017}: an expander at {@code address} on I2C {@code bus}, locker pins 0–15 on the chip;
     * {@code gpio}: BCM pins; {@code rs485}: an "8A" lock board with board number {@code address} on the serial
     * {@code device}, lock numbers 1–24.
     */
    public record Bank(String id, String type, int bus, int address, String device, List<Locker> lockers) {
        public Bank {
            lockers = List.copyOf(lockers);
        }
    }

    /** {@code size}: 1 smallest; members get the smallest free locker. {@code closed}: the door-closed input. */
    public record Locker(String id, int size, int lock, int closed) {
    }
}
