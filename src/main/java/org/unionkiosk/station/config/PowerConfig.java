// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.config;

import java.time.Duration;
import java.util.List;

/** Outputs that follow occupancy (lights, appliances, air conditioning); see docs/phone-entry.md "Power". */
public record PowerConfig(List<Output> outputs) {
    public static final Duration DEFAULT_OFF_AFTER = Duration.ofMinutes(10);

    public PowerConfig {
        outputs = List.copyOf(outputs);
    }

    /** What an output feeds; only shown in events and on central. */
    public enum Kind {
        LIGHTS, APPLIANCE, AIRCON;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One relay output.
     *
     * @param hours    when the output is on regardless of occupancy; null: only with people inside
     * @param offAfter how long after the station empties (outside {@code hours}) the output switches off
     */
    public record Output(String id, Kind kind, PinConfig pin, OpeningHours hours, Duration offAfter) {
    }
}
