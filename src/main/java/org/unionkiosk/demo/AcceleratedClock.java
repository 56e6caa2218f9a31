// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Demo time: starts at {@code origin} and runs {@code speed} times as fast as real time (monotonic, from
 * {@link System#nanoTime()}). Central, every station and the simulated members share one, so signed command
 * lifetimes, badge validity and the daily reset agree across them.
 */
final class AcceleratedClock extends Clock {
    private final Instant origin;
    private final long startNanos;
    private final double speed;
    private final ZoneId zone;

    AcceleratedClock(Instant origin, double speed, ZoneId zone) {
        this(origin, System.nanoTime(), speed, zone);
    }

    private AcceleratedClock(Instant origin, long startNanos, double speed, ZoneId zone) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be above 0, was " + speed);
        }
        this.origin = origin;
        this.startNanos = startNanos;
        this.speed = speed;
        this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId z) {
        return new AcceleratedClock(origin, startNanos, speed, z);
    }

    @Override
    public Instant instant() {
        return origin.plusNanos((long) ((System.nanoTime() - startNanos) * speed));
    }

    double speed() {
        return speed;
    }

    /** Real milliseconds that pass while this clock advances by {@code demoTime}. */
    long realMillis(Duration demoTime) {
        return Math.max(1, (long) (demoTime.toMillis() / speed));
    }
}
