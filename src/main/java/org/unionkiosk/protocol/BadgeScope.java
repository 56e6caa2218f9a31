// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

/**
 * Where a badge opens doors: {@code all}, {@code site:SITE} or {@code station:SITE/STATION}.
 * Site and station ids are lower-case letters, digits and '-' (they are MQTT topic levels too).
 */
public record BadgeScope(String site, String station) {
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    public static final BadgeScope ALL = new BadgeScope(null, null);

    public BadgeScope {
        if (station != null && site == null) {
            throw new IllegalArgumentException("a station scope needs a site");
        }
        if (site != null && !isId(site) || station != null && !isId(station)) {
            throw new IllegalArgumentException("ids must match " + ID.pattern());
        }
    }

    public static boolean isId(String s) {
        return s != null && ID.matcher(s).matches();
    }

    /** @throws IllegalArgumentException for anything but the three forms */
    public static BadgeScope parse(String text) {
        if ("all".equals(text)) {
            return ALL;
        }
        if (text.startsWith("site:")) {
            return new BadgeScope(text.substring(5), null);
        }
        if (text.startsWith("station:")) {
            String[] parts = text.substring(8).split("/", -1);
            if (parts.length == 2) {
                return new BadgeScope(parts[0], parts[1]);
            }
        }
        throw new IllegalArgumentException("scope must be 'all', 'site:SITE' or 'station:SITE/STATION', was '"
                + text + "'");
    }

    public boolean admits(String stationSite, String stationId) {
        return site == null || site.equals(stationSite) && (station == null || station.equals(stationId));
    }

    @Override
    public String toString() {
        return site == null ? "all" : station == null ? "site:" + site : "station:" + site + "/" + station;
    }
}
