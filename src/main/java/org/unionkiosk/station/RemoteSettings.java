// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station;

import java.time.LocalTime;
import java.util.Map;
import java.util.TreeMap;
import org.unionkiosk.station.access.AccessPolicy;
import org.unionkiosk.station.config.AccessConfig;
import org.unionkiosk.station.config.OpeningHours;
import org.unionkiosk.station.config.StationConfig;

/**
 * The part of a station's config central may change (MQTT {@code config} command): capacity, opening hours
 * ({@code HH:MM-HH:MM}) and screen language, applied over kiosk.yaml. Every value is checked before any is
 * applied. Confined to the station context.
 */
final class RemoteSettings {
    private final AccessPolicy policy;
    private final AccessConfig base;
    private final StationConfig.Language baseLanguage;
    private final Map<String, String> applied = new TreeMap<>();
    private StationConfig.Language language;

    RemoteSettings(AccessPolicy policy, StationConfig.Language language) {
        this.policy = policy;
        this.base = policy.config();
        this.baseLanguage = language;
        this.language = language;
    }

    /** The settings in force with {@code desired} laid over them; nothing changes if any value is wrong. */
    Map<String, String> with(Map<String, String> desired) {
        Map<String, String> merged = new TreeMap<>(applied);
        merged.putAll(desired);
        apply(merged);
        return merged;
    }

    /** @throws IllegalArgumentException naming the first bad setting */
    void apply(Map<String, String> settings) {
        int capacity = base.capacity();
        OpeningHours hours = base.hours();
        StationConfig.Language lang = baseLanguage;
        for (var e : settings.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "capacity" -> capacity = capacity(v);
                case "openingHours" -> hours = hours(v);
                case "language" -> lang = switch (v) {
                    case "zh-CN" -> StationConfig.Language.ZH_CN;
                    case "en" -> StationConfig.Language.EN;
                    default -> throw new IllegalArgumentException("language must be zh-CN or en, was " + v);
                };
                default -> throw new IllegalArgumentException("setting " + e.getKey() + " is not remotely managed "
                        + "(capacity, openingHours, language)");
            }
        }
        policy.reconfigure(new AccessConfig(base.trustedKeys(), base.clockSkew(), capacity, hours,
                base.rateLimitScans(), base.rateLimitWindow(), base.requireClockSync(), base.clockSyncFile()));
        language = lang;
        applied.clear();
        applied.putAll(settings);
    }

    private static int capacity(String v) {
        try {
            int c = Integer.parseInt(v);
            if (c >= 0 && c <= 10_000) {
                return c;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("capacity must be 0..10000, was " + v);
    }

    private static OpeningHours hours(String v) {
        String[] p = v.split("-", -1);
        try {
            return new OpeningHours(LocalTime.parse(p[0]), LocalTime.parse(p[1]));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("openingHours must be HH:MM-HH:MM, was " + v);
        }
    }

    /** What the station reports on {@code config/reported}: every managed setting as now in force. */
    Map<String, String> reported() {
        AccessConfig a = policy.config();
        Map<String, String> r = new TreeMap<>();
        r.put("capacity", String.valueOf(a.capacity()));
        r.put("openingHours", a.hours().opens() + "-" + a.hours().closes());
        r.put("language", language.toString());
        return r;
    }

    StationConfig.Language language() {
        return language;
    }
}
