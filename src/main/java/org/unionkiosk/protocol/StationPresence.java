// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether each station is online, from its retained {@code state} messages. A station's session number increases
 * on every connect, so a Last Will that arrives after a newer birth (a late will from a dead connection) is
 * recognised as stale and ignored; for equal sessions the later message wins.
 */
public final class StationPresence {
    /** What central believes about one station. */
    public record Presence(boolean online, long session) {
    }

    private final Map<String, Presence> stations = new ConcurrentHashMap<>();

    /** Applies one state message; returns true if it changed what central believes. */
    public boolean apply(String station, boolean online, long session) {
        Presence next = new Presence(online, session);
        Presence[] changed = {null};
        stations.compute(station, (k, cur) -> {
            if (cur == null || session >= cur.session()) {
                changed[0] = cur == null || !cur.equals(next) ? next : null;
                return next;
            }
            return cur;
        });
        return changed[0] != null;
    }

    public Presence get(String station) {
        return stations.get(station);
    }

    public Map<String, Presence> all() {
        return Map.copyOf(stations);
    }
}
