// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Phone entry through the stations' door QR (docs/phone-entry.md).
 *
 * @param stationKeysDir  public keys of stations, one PEM file per station named {@code SITE+STATION.pub}, loaded
 *                        into the station key registry at start (null: only keys registered through the console)
 * @param answerWait      how long the phone page waits for the station's answer before saying it did not answer
 * @param visitRetentionDays phone visits older than this are deleted (union policy)
 */
public record PhoneEntryConfig(Path stationKeysDir, Duration answerWait, int visitRetentionDays) {
    public static final int DEFAULT_ANSWER_WAIT_SECONDS = 8;
    public static final int DEFAULT_VISIT_RETENTION_DAYS = 730;
    public static final PhoneEntryConfig DEFAULTS = new PhoneEntryConfig(null,
            Duration.ofSeconds(DEFAULT_ANSWER_WAIT_SECONDS), DEFAULT_VISIT_RETENTION_DAYS);

    public PhoneEntryConfig {
        List<String> p = new ArrayList<>();
        if (answerWait.toSeconds() < 2 || answerWait.toSeconds() > 30) {
            p.add("answerWaitSeconds: must be 2..30, was " + answerWait.toSeconds());
        }
        if (visitRetentionDays < 1 || visitRetentionDays > 3650) {
            p.add("visitRetentionDays: must be 1..3650, was " + visitRetentionDays);
        }
        ConfigException.throwIfAny(p);
    }
}
