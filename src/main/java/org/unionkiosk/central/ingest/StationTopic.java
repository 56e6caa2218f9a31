// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.ingest;

import org.unionkiosk.protocol.BadgeScope;
import org.unionkiosk.protocol.Topics;

/**
 * A topic a station publishes on, parsed: {@code kiosk/v1/{site}/{station}/{kind}[/{detail}]}. {@code detail} is
 * the event type of {@code evt/…} and the command id of {@code res/…}.
 */
public record StationTopic(String site, String station, Kind kind, String detail) {
    /** What a station publishes. */
    public enum Kind { EVENT, STATE, STATUS, RESPONSE, CONFIG_REPORTED, SELFTEST }

    /** {@code site/station}, as in the events' {@code station} field. */
    public String ref() {
        return site + "/" + station;
    }

    /** The parsed topic, or null if it is not one a station publishes on. */
    public static StationTopic parse(String topic) {
        if (!topic.startsWith(Topics.PREFIX)) {
            return null;
        }
        String[] p = topic.substring(Topics.PREFIX.length()).split("/", -1);
        if (p.length < 3 || !BadgeScope.isId(p[0]) || !BadgeScope.isId(p[1])) {
            return null;
        }
        Kind kind = switch (p.length) {
            case 3 -> switch (p[2]) {
                case "state" -> Kind.STATE;
                case "status" -> Kind.STATUS;
                case "selftest" -> Kind.SELFTEST;
                default -> null;
            };
            case 4 -> p[2].equals("evt") ? Kind.EVENT : p[2].equals("res") ? Kind.RESPONSE
                    : p[2].equals("config") && p[3].equals("reported") ? Kind.CONFIG_REPORTED : null;
            default -> null;
        };
        if (kind == null || (p.length == 4 && p[3].isEmpty())) {
            return null;
        }
        return new StationTopic(p[0], p[1], kind, p.length == 4 && kind != Kind.CONFIG_REPORTED ? p[3] : null);
    }
}
