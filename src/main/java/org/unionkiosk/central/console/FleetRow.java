// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.console;

import io.vertx.core.json.JsonObject;
import org.unionkiosk.central.fleet.StationView;

/** The slim form of a station the fleet page and the wall show: a few hundred bytes, not the whole status. */
final class FleetRow {
    private FleetRow() {
    }

    static JsonObject of(StationView s, int openAlarms) {
        JsonObject st = s.status() == null ? new JsonObject() : s.status();
        JsonObject occ = st.getJsonObject("occupancy", new JsonObject());
        JsonObject lockers = st.getJsonObject("lockers");
        JsonObject health = st.getJsonObject("health", new JsonObject());
        Long lastSeen = s.statusAt() == null ? s.stateAt()
                : s.stateAt() == null ? s.statusAt() : Long.valueOf(Math.max(s.statusAt(), s.stateAt()));
        JsonObject row = new JsonObject().put("station", s.station()).put("site", s.site())
                .put("presence", s.presence().toString()).put("lastSeen", lastSeen)
                .put("inside", occ.getInteger("inside")).put("capacity", occ.getInteger("capacity"))
                .put("door", st.getString("door")).put("lockdown", st.getBoolean("lockdown"))
                .put("outboxDepth", health.getInteger("outboxDepth")).put("alarms", openAlarms);
        if (lockers != null) {
            int out = lockers.getJsonArray("outOfService") == null ? 0 : lockers.getJsonArray("outOfService").size();
            int owned = lockers.getInteger("owned", 0);
            row.put("lockersUsed", owned).put("lockersTotal", owned + lockers.getInteger("free", 0) + out);
        }
        return row;
    }
}
