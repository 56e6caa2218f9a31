// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.unionkiosk.central.fleet.StationView;

/**
 * The slim form of a station the fleet page and the wall show: a few hundred bytes, not the whole status. The status
 * is the station's own document, stored as sent: a field of the wrong type reads as absent, so one odd station
 * cannot break the fleet page, the live feed or the wall for every station.
 */
final class FleetRow {
    private FleetRow() {
    }

    static JsonObject of(StationView s, int openAlarms) {
        JsonObject st = s.status() == null ? new JsonObject() : s.status();
        JsonObject occ = object(st, "occupancy");
        JsonObject lockers = st.getValue("lockers") instanceof JsonObject o ? o : null;
        JsonObject health = object(st, "health");
        Long lastSeen = s.statusAt() == null ? s.stateAt()
                : s.stateAt() == null ? s.statusAt() : Long.valueOf(Math.max(s.statusAt(), s.stateAt()));
        JsonObject row = new JsonObject().put("station", s.station()).put("site", s.site())
                .put("presence", s.presence().toString()).put("lastSeen", lastSeen)
                .put("inside", integer(occ, "inside")).put("capacity", integer(occ, "capacity"))
                .put("door", st.getValue("door") instanceof String d ? d : null)
                .put("lockdown", st.getValue("lockdown") instanceof Boolean b ? b : null)
                .put("outboxDepth", integer(health, "outboxDepth")).put("alarms", openAlarms);
        if (lockers != null) {
            int out = lockers.getValue("outOfService") instanceof JsonArray a ? a.size() : 0;
            int owned = orZero(integer(lockers, "owned"));
            row.put("lockersUsed", owned).put("lockersTotal", owned + orZero(integer(lockers, "free")) + out);
        }
        return row;
    }

    private static JsonObject object(JsonObject o, String key) {
        return o.getValue(key) instanceof JsonObject v ? v : new JsonObject();
    }

    private static Integer integer(JsonObject o, String key) {
        return o.getValue(key) instanceof Number n ? Integer.valueOf(n.intValue()) : null;
    }

    private static int orZero(Integer n) {
        return n == null ? 0 : n;
    }
}
