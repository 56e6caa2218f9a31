// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.config;

import java.time.LocalTime;

/** Daily opening window; equal times mean open around the clock, and a window may span midnight. */
public record OpeningHours(LocalTime opens, LocalTime closes) {
    public static final OpeningHours ALWAYS = new OpeningHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

    public boolean isOpen(LocalTime t) {
        if (opens.equals(closes)) {
            return true;
        }
        return opens.isBefore(closes)
                ? !t.isBefore(opens) && t.isBefore(closes)
                : !t.isBefore(opens) || t.isBefore(closes);
    }
}
