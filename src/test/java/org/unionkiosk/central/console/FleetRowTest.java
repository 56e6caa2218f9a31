// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.unionkiosk.central.fleet.Presence;
import org.unionkiosk.central.fleet.StationView;

class FleetRowTest {
    private static StationView station(JsonObject status) {
        return new StationView("north/st-1", "north", Presence.ONLINE, 1, 1_000L, "1.0", 2_000L, status, null, 0, 0,
                0, 0, null);
    }

    @Test
    void aWellFormedStatusGivesItsFigures() {
        JsonObject row = FleetRow.of(station(new JsonObject("{\"occupancy\":{\"inside\":3,\"capacity\":40},"
                + "\"door\":\"closed\",\"lockdown\":false,\"health\":{\"outboxDepth\":7},"
                + "\"lockers\":{\"owned\":2,\"free\":5,\"outOfService\":[\"9\"]}}")), 1);

        assertThat(row.getInteger("inside")).isEqualTo(3);
        assertThat(row.getInteger("capacity")).isEqualTo(40);
        assertThat(row.getString("door")).isEqualTo("closed");
        assertThat(row.getInteger("outboxDepth")).isEqualTo(7);
        assertThat(row.getInteger("lockersUsed")).isEqualTo(2);
        assertThat(row.getInteger("lockersTotal")).isEqualTo(8);
        assertThat(row.getLong("lastSeen")).isEqualTo(2_000L);
    }

    @Test
    void fieldsOfTheWrongTypeReadAsAbsentInsteadOfBreakingTheFleet() {
        JsonObject row = FleetRow.of(station(new JsonObject("{\"occupancy\":\"full\",\"door\":7,\"lockdown\":\"no\","
                + "\"health\":[1],\"lockers\":{\"owned\":\"two\",\"free\":{},\"outOfService\":\"9\"}}")), 0);

        assertThat(row.getValue("inside")).isNull();
        assertThat(row.getValue("door")).isNull();
        assertThat(row.getValue("lockdown")).isNull();
        assertThat(row.getValue("outboxDepth")).isNull();
        assertThat(row.getInteger("lockersTotal")).isZero();
        assertThat(row.getString("station")).isEqualTo("north/st-1");
    }
}
