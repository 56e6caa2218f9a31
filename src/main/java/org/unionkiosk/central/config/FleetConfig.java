// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Fleet supervision and commands.
 *
 * @param statusInterval the stations' {@code mqtt.statusIntervalSeconds}; a station silent for 3 times this is stale
 * @param commandTtl     lifetime signed into each command; the stations refuse one older than that
 * @param answerTimeout  a command with no answer after this is recorded as {@code timeout}
 */
public record FleetConfig(Duration statusInterval, Duration commandTtl, Duration answerTimeout) {
    public static final int DEFAULT_STATUS_SECONDS = 60;
    public static final int DEFAULT_TTL_SECONDS = 60;
    public static final int DEFAULT_ANSWER_SECONDS = 90;
    public static final int STALE_FACTOR = 3;

    public FleetConfig {
        List<String> p = new ArrayList<>();
        ConfigException.range(p, "statusIntervalSeconds", statusInterval.toSeconds(), 5, 3600);
        // Stations refuse commands that live longer than 10 minutes.
        ConfigException.range(p, "commandTtlSeconds", commandTtl.toSeconds(), 5, 600);
        if (answerTimeout.compareTo(commandTtl) < 0) {
            p.add("answerTimeoutSeconds: must be at least commandTtlSeconds (" + commandTtl.toSeconds()
                    + "), was " + answerTimeout.toSeconds());
        }
        ConfigException.range(p, "answerTimeoutSeconds", answerTimeout.toSeconds(), 5, 3600);
        ConfigException.throwIfAny(p);
    }

    public Duration staleAfter() {
        return statusInterval.multipliedBy(STALE_FACTOR);
    }
}
