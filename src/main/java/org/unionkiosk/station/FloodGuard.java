// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station;

/**
 * Counts one scanner's codes per second. Beyond the limit the scanner is flooding (a stuck key, a screen showing a
 * code, a fault): its codes are dropped and it is restarted with a backoff that doubles each time.
 * Confined to the station context.
 */
final class FloodGuard {
    private static final long MAX_BACKOFF_MS = 60_000;
    private final int perSecond;
    private long windowStart;
    private int count;
    private boolean tripped;
    private boolean justTripped;
    private long backoffMs = 1000;

    FloodGuard(int perSecond) {
        this.perSecond = perSecond;
    }

    boolean admit(long nowMs) {
        justTripped = false;
        if (tripped) {
            return false;
        }
        if (nowMs - windowStart >= 1000) {
            windowStart = nowMs;
            count = 0;
        }
        if (++count > perSecond) {
            tripped = true;
            justTripped = true;
            return false;
        }
        return true;
    }

    boolean justTripped() {
        return justTripped;
    }

    boolean tripped() {
        return tripped;
    }

    long nextBackoffMs() {
        long d = backoffMs;
        backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
        return d;
    }

    void reset() {
        tripped = false;
        count = 0;
    }
}
