// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.unionkiosk.protocol.TrustedKey;

/**
 * Who gets in and when.
 *
 * @param capacity people allowed inside at once; 0 means no limit
 * @param clockSyncFile present while the system clock is NTP-synchronised (systemd-timesyncd writes it)
 */
public record AccessConfig(List<TrustedKey> trustedKeys, Duration clockSkew, int capacity, OpeningHours hours,
                           int rateLimitScans, Duration rateLimitWindow, boolean requireClockSync,
                           Path clockSyncFile) {
    public static final Duration DEFAULT_SKEW = Duration.ofMinutes(2);
    public static final Path DEFAULT_CLOCK_SYNC_FILE = Path.of("/run/systemd/timesync/synchronized");

    public AccessConfig {
        trustedKeys = List.copyOf(trustedKeys);
    }
}
