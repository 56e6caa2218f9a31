// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.unionkiosk.protocol.StationEvent;

class EventParserTest {
    private final EventParser parser = new EventParser(1024);
    private static final String TOPIC = "kiosk/v1/sz/st-1/evt/access.granted";
    private final StationTopic topic = StationTopic.parse(TOPIC);

    private EventParser.Parsed parse(String payload) {
        return parser.parse(TOPIC, topic, payload.getBytes(StandardCharsets.UTF_8), 42);
    }

    private String reason(String payload) {
        return ((EventParser.Refused) parse(payload)).reject().reason();
    }

    @Test
    void acceptsTheStationsOwnEnvelope() {
        String body = StationEvent.envelope("sz/st-1", 7, "2026-11-28T01:02:03Z", "access.granted",
                "{\"member\":\"m-1\",\"badge\":\"ab\"}");

        IngestedEvent e = ((EventParser.Accepted) parse(body)).event();

        assertThat(e.station()).isEqualTo("sz/st-1");
        assertThat(e.seq()).isEqualTo(7);
        assertThat(e.member()).isEqualTo("m-1");
        assertThat(e.ts()).isEqualTo(java.time.Instant.parse("2026-11-28T01:02:03Z").toEpochMilli());
        assertThat(e.body()).isEqualTo(body);
    }

    @Test
    void refusesEachKindOfBadPayloadWithItsReason() {
        assertThat(reason("{not json")).isEqualTo("malformed");
        assertThat(reason("[1,2]")).isEqualTo("malformed");
        assertThat(reason("{\"v\":2,\"station\":\"sz/st-1\"}")).isEqualTo("malformed");
        assertThat(reason(StationEvent.envelope("sz/st-2", 1, "2026-11-28T01:02:03Z", "access.granted", "{}")))
                .isEqualTo("topic_mismatch");
        assertThat(reason(StationEvent.envelope("sz/st-1", 1, "2026-11-28T01:02:03Z", "door.opened", "{}")))
                .isEqualTo("topic_mismatch");
        assertThat(reason("{\"v\":1,\"station\":\"sz/st-1\",\"seq\":-1,\"ts\":\"2026-11-28T01:02:03Z\","
                + "\"type\":\"access.granted\"}")).isEqualTo("malformed");
        assertThat(reason("{\"v\":1,\"station\":\"sz/st-1\",\"seq\":1,\"ts\":\"soon\",\"type\":\"access.granted\"}"))
                .isEqualTo("malformed");
        assertThat(reason("{\"v\":1,\"x\":\"" + "a".repeat(2000) + "\"}")).isEqualTo("oversized");
    }

    @Test
    void refusesAnUnknownEventFamily() {
        StationTopic t = StationTopic.parse("kiosk/v1/sz/st-1/evt/rocket.launched");
        String body = StationEvent.envelope("sz/st-1", 1, "2026-11-28T01:02:03Z", "rocket.launched", "{}");

        EventParser.Parsed p = parser.parse("kiosk/v1/sz/st-1/evt/rocket.launched", t,
                body.getBytes(StandardCharsets.UTF_8), 0);

        assertThat(((EventParser.Refused) p).reject().reason()).isEqualTo("unknown_type");
    }

    @Test
    void parsesOnlyStationTopics() {
        assertThat(StationTopic.parse("kiosk/v1/sz/st-1/state").kind()).isEqualTo(StationTopic.Kind.STATE);
        assertThat(StationTopic.parse("kiosk/v1/sz/st-1/res/abc").detail()).isEqualTo("abc");
        assertThat(StationTopic.parse("kiosk/v1/sz/st-1/config/reported").kind())
                .isEqualTo(StationTopic.Kind.CONFIG_REPORTED);
        assertThat(StationTopic.parse("kiosk/v1/sz/st-1/selftest").kind()).isEqualTo(StationTopic.Kind.SELFTEST);
        assertThat(StationTopic.parse("kiosk/v1/sz/st-1/selftest/x")).isNull();
        assertThat(StationTopic.parse("kiosk/v1/sz/st-1/cmd/unlock/abc")).isNull();
        assertThat(StationTopic.parse("kiosk/v1/SZ/st-1/state")).isNull();
        assertThat(StationTopic.parse("kiosk/v1/sz/st-1/evt/")).isNull();
        assertThat(StationTopic.parse("other/v1/sz/st-1/state")).isNull();
    }
}
