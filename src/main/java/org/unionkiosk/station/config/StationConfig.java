// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.config;

import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;

/** The whole validated station config. Built only by {@link ConfigLoader}. {@code mqtt}, {@code lockers},
 * {@code phone} and {@code power} are null when absent. */
public record StationConfig(String site, String stationId, Path dataDir, Platform platform, DoorConfig door,
                            AccessConfig access, LocalTime occupancyResetAt, List<ScannerConfig> scanners,
                            String httpHost, int httpPort, Language language, MqttConfig mqtt,
                            LockerConfig lockers, int eventRetentionDays, PhoneConfig phone,
                            PowerConfig power) {
    /** Events older than this are deleted (unless still waiting to be sent to central). */
    public static final int DEFAULT_EVENT_RETENTION_DAYS = 90;

    public StationConfig {
        scanners = List.copyOf(scanners);
    }

    /** Station screen language; zh-CN unless the config says otherwise. */
    public enum Language {
        ZH_CN("zh-CN"), EN("en");

        private final String tag;

        Language(String tag) {
            this.tag = tag;
        }

        @Override
        public String toString() {
            return tag;
        }
    }

    /** {@code site/station}, the id used in events and topics. */
    public String stationRef() {
        return site + "/" + stationId;
    }
}
