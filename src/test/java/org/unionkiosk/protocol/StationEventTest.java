// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StationEventTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void envelopeIsValidJsonWithTheFieldsAlongside() throws Exception {
        StationEvent e = StationEvent.of("access.denied", Instant.parse("2026-11-27T03:00:00Z"), "badge", "0a1b",
                "detail", "quote \" and \\ and 中文");

        JsonNode n = JSON.readTree(StationEvent.envelope("sz/st-1", 42, e.ts().toString(), e.type(),
                e.fieldsJson()));

        assertThat(n.get("v").asInt()).isEqualTo(1);
        assertThat(n.get("station").asText()).isEqualTo("sz/st-1");
        assertThat(n.get("seq").asLong()).isEqualTo(42);
        assertThat(n.get("type").asText()).isEqualTo("access.denied");
        assertThat(n.get("detail").asText()).isEqualTo("quote \" and \\ and 中文");
        assertThat(JSON.readTree(StationEvent.envelope("s/t", 1, "x", "door.opened", "{}")).size()).isEqualTo(5);
    }

    @Test
    void refusesFieldsThatWouldShadowTheEnvelope() {
        assertThatThrownBy(() -> StationEvent.of("door.opened", Instant.now(), "seq", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StationEvent.of("Door Opened", Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fieldsKeepTheOrderTheyWereGivenIn() {
        StationEvent e = StationEvent.of("access.granted", Instant.parse("2026-11-27T03:00:00Z"), "badge", "0a1b",
                "member", "m-1", "badgeId", "ff00", "scanner", "entry", "role", "entry", "kind", "card");

        String json = StationEvent.envelope("s/t", 3, e.ts().toString(), e.type(), e.fieldsJson());

        assertThat(json).isEqualTo("{\"v\":1,\"station\":\"s/t\",\"seq\":3,\"ts\":\"2026-11-27T03:00:00Z\","
                + "\"type\":\"access.granted\",\"badge\":\"0a1b\",\"member\":\"m-1\",\"badgeId\":\"ff00\","
                + "\"scanner\":\"entry\",\"role\":\"entry\",\"kind\":\"card\"}");
    }
}
