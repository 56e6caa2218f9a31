// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.unionkiosk.protocol.Mutations;
import org.unionkiosk.protocol.StationEvent;

/**
 * Random and mutated MQTT event payloads and topics at central's ingest: a payload is either accepted as an event
 * of the topic's own station and type, or refused with one of the documented reasons — never an exception.
 */
class EventParserFuzzTest {
    private static final String TOPIC = "kiosk/v1/sz/st-1/evt/access.granted";
    private static final StationTopic T = StationTopic.parse(TOPIC);
    private static final byte[] GENUINE = StationEvent.envelope("sz/st-1", 7, "2026-11-28T01:02:03Z",
            "access.granted", "{\"member\":\"m-1\",\"badge\":\"ab\",\"scanner\":\"entry\"}")
            .getBytes(StandardCharsets.UTF_8);
    private static final Set<String> REASONS = Set.of("oversized", "malformed", "topic_mismatch", "unknown_type");
    private final EventParser parser = new EventParser(4096);

    @Property(seed = "6101")
    void mutatedEnvelopesAreAcceptedForTheirTopicOrRefusedWithAReason(@ForAll("payloads") byte[] payload) {
        EventParser.Parsed p = parser.parse(TOPIC, T, payload, 42);

        if (p instanceof EventParser.Accepted a) {
            assertThat(a.event().station()).isEqualTo("sz/st-1");
            assertThat(a.event().type()).isEqualTo("access.granted");
            assertThat(a.event().seq()).isNotNegative();
            assertThat(a.event().member()).satisfiesAnyOf(m -> assertThat(m).isNull(),
                    m -> assertThat(m).hasSizeLessThanOrEqualTo(64));
        } else {
            Reject r = ((EventParser.Refused) p).reject();
            assertThat(REASONS).contains(r.reason());
            assertThat(r.topic()).isEqualTo(TOPIC);
            assertThat(r.payload().length()).isLessThanOrEqualTo(Reject.KEEP_CHARS + 64);
        }
    }

    @Property(seed = "6102")
    void randomTopicsParseOrAreIgnoredAndTheirPayloadsNeverThrow(@ForAll("topics") String topic,
                                                                 @ForAll("payloads") byte[] payload) {
        StationTopic t = StationTopic.parse(topic);
        if (t == null || t.kind() != StationTopic.Kind.EVENT) {
            return; // not an event topic: the subscription hands it to another handler or drops it
        }
        EventParser.Parsed p = parser.parse(topic, t, payload, 0);

        if (p instanceof EventParser.Accepted a) {
            assertThat(a.event().station()).isEqualTo(t.ref());
            assertThat(a.event().type()).isEqualTo(t.detail());
        } else {
            assertThat(REASONS).contains(((EventParser.Refused) p).reject().reason());
        }
    }

    @Provide
    Arbitrary<String> topics() {
        Arbitrary<String> level = Arbitraries.oneOf(Arbitraries.of("sz", "st-1", "evt", "state", "res", "", "+",
                "access.granted", "rocket.launched", "config", "reported"), Arbitraries.strings().ofMaxLength(12));
        return level.list().ofMinSize(1).ofMaxSize(6).map(l -> "kiosk/v1/" + String.join("/", l));
    }

    @Provide
    Arbitrary<byte[]> payloads() {
        String genuine = new String(GENUINE, StandardCharsets.UTF_8);
        Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(80).map(s -> "\""
                + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""), Arbitraries.longs().map(String::valueOf),
                Arbitraries.of("null", "true", "[]", "{}", "1e400", "-1", "1.5", "9223372036854775808",
                        "\"+1000000000-12-31T23:59:59Z\"", "\"2026-02-30T00:00:00Z\"", "\"sz/st-2\"",
                        "\"access\"", "\"" + "m".repeat(65) + "\""));
        Arbitrary<byte[]> fieldEdits = Combinators.combine(
                Arbitraries.of("v", "station", "seq", "ts", "type", "member", "badge"), values).as((field, v) ->
                genuine.replaceFirst("\"" + field + "\":(\"[^\"]*\"|-?[0-9]+)", "\"" + field + "\":"
                        + v.replace("\\", "\\\\").replace("$", "\\$")).getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> huge = Arbitraries.integers().between(4090, 4100).map(n -> {
            byte[] b = new byte[n];
            java.util.Arrays.fill(b, (byte) ' ');
            System.arraycopy(GENUINE, 0, b, 0, GENUINE.length);
            return b;
        });
        return Arbitraries.oneOf(Mutations.bytes(GENUINE), fieldEdits, huge,
                Arbitraries.bytes().array(byte[].class).ofMaxSize(500),
                Arbitraries.strings().withChars("{}[]\":,0123456789.-eE vtsq\\").ofMaxLength(200)
                        .map(s -> s.getBytes(StandardCharsets.UTF_8)));
    }
}
