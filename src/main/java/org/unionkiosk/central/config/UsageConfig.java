// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.config;

import java.time.ZoneId;

/** How usage is bucketed: hours, days and months in {@code timeZone} (the union's local time, e.g. Asia/Shanghai). */
public record UsageConfig(ZoneId timeZone) {
    public UsageConfig {
        if (timeZone == null) {
            throw new ConfigException(java.util.List.of("timeZone: must be a region id such as Asia/Shanghai"));
        }
    }
}
