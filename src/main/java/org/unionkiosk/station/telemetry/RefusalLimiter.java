// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.telemetry;

import java.util.Set;

/**
 * Bounds what unauthenticated junk on the command topic can cost: refusals of messages that do not carry a valid
 * signature by a trusted key are recorded (event and response) at most {@link #PER_MINUTE} times a minute; the rest
 * are only counted, and the count is reported once the minute is over. Refusals of authentic commands (signed by
 * central: expired, replayed, wrong target, bad arguments) are always recorded and answered. Confined to the
 * owning context; time comes from the caller.
 */
final class RefusalLimiter {
    static final int PER_MINUTE = 20;
    private static final long MINUTE_MS = 60_000;
    /** Codes given before or at signature verification: anyone with broker access can cause them. */
    private static final Set<String> UNAUTHENTICATED = Set.of("bad_format", "unsigned", "unknown_key",
            "bad_signature");

    private long windowStart = Long.MIN_VALUE;
    private int recorded;
    private long suppressed;
    private long pendingReport;

    /** Whether this refusal is recorded and answered; otherwise it is counted only. */
    boolean admit(String code, long nowMs) {
        roll(nowMs);
        if (!UNAUTHENTICATED.contains(code)) {
            return true;
        }
        if (recorded < PER_MINUTE) {
            recorded++;
            return true;
        }
        suppressed++;
        return false;
    }

    /** The number of refusals suppressed in a minute that has ended, once (then 0 until the next such minute). */
    long takeSuppressed(long nowMs) {
        roll(nowMs);
        long n = pendingReport;
        pendingReport = 0;
        return n;
    }

    private void roll(long nowMs) {
        if (nowMs - windowStart >= MINUTE_MS) {
            pendingReport += suppressed;
            suppressed = 0;
            recorded = 0;
            windowStart = nowMs;
        }
    }
}
