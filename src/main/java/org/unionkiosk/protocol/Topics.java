// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

/** MQTT topics of DESIGN §4, rooted at {@code kiosk/v1/{site}/{station}}. */
public record Topics(String site, String station) {
    public static final String PREFIX = "kiosk/v1/";

    public Topics {
        if (!BadgeScope.isId(site) || !BadgeScope.isId(station)) {
            throw new IllegalArgumentException("site and station must be ids, were " + site + "/" + station);
        }
    }

    public String root() {
        return PREFIX + site + "/" + station;
    }

    public String state() {
        return root() + "/state";
    }

    public String status() {
        return root() + "/status";
    }

    public String event(String type) {
        return root() + "/evt/" + type;
    }

    public String commandFilter() {
        return root() + "/cmd/+/+";
    }

    public String command(String name, String id) {
        return root() + "/cmd/" + name + "/" + id;
    }

    public String response(String id) {
        return root() + "/res/" + id;
    }

    public String configDesired() {
        return root() + "/config/desired";
    }

    public String configReported() {
        return root() + "/config/reported";
    }

    /** {@code name} and {@code id} of a command topic of this station, or null if it is not one. */
    public String[] parseCommand(String topic) {
        String prefix = root() + "/cmd/";
        if (!topic.startsWith(prefix)) {
            return null;
        }
        String[] parts = topic.substring(prefix.length()).split("/", -1);
        return parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty() ? parts : null;
    }
}
