// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class StationViewTest {
    private static StationView station(JsonObject status) {
        return new StationView("north/st-1", "north", Presence.ONLINE, 1, 1_000L, "1.0", 2_000L, status, null, 0, 0,
                0, 0, null);
    }

    @Test
    void anObjectHealthIsShown() {
        JsonObject json = station(new JsonObject("{\"health\":{\"outboxDepth\":7}}")).toJson();

        assertThat(json.getJsonObject("health").getInteger("outboxDepth")).isEqualTo(7);
    }

    @Test
    void aHealthThatIsNotAnObjectReadsAsAbsentAndTheStatusIsStillShown() {
        for (String health : new String[] {"[1]", "\"ok\"", "3", "true"}) {
            JsonObject json = station(new JsonObject("{\"door\":\"closed\",\"health\":" + health + "}")).toJson();

            assertThat(json.getValue("health")).as(health).isNull();
            assertThat(json.getJsonObject("status").getString("door")).isEqualTo("closed");
            assertThat(json.encode()).isNotEmpty();
        }
    }

    @Test
    void noStatusHasNoHealth() {
        assertThat(station(null).toJson().getValue("health")).isNull();
    }
}
