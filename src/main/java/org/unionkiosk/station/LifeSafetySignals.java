// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.unionkiosk.station.door.DoorSignal;

/**
 * Fire-alarm and exit-button edges from the moment Pi4J reports them until the station context has acted on
 * them. The watchdog thread reads the age of the oldest one: an edge the context never handles means the loop that
 * owns the door is stuck or dead, and the door must not stay locked because of it. Thread-safe.
 */
final class LifeSafetySignals {
    private final Map<Long, Long> pendingSince = new ConcurrentHashMap<>();
    private final AtomicLong tickets = new AtomicLong();

    static boolean lifeSafety(DoorSignal s) {
        return s == DoorSignal.FIRE_ON || s == DoorSignal.EXIT_PRESSED;
    }

    /** Called on the reporting (Pi4J) thread before the edge is posted; returns its ticket, or -1 if not tracked. */
    long arrived(DoorSignal s, long nowNanos) {
        if (!lifeSafety(s)) {
            return -1;
        }
        long ticket = tickets.incrementAndGet();
        pendingSince.put(ticket, nowNanos);
        return ticket;
    }

    /** Called on the station context once the door controller has acted on the edge. */
    void handled(long ticket) {
        if (ticket >= 0) {
            pendingSince.remove(ticket);
        }
    }

    /** How long the oldest unhandled edge has waited, in nanoseconds; 0 if none waits. */
    long oldestWaitNanos(long nowNanos) {
        long oldest = 0;
        for (long since : pendingSince.values()) {
            oldest = Math.max(oldest, nowNanos - since);
        }
        return oldest;
    }
}
