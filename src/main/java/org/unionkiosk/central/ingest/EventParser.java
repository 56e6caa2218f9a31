// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks one {@code …/evt/{type}} payload against the envelope of docs/mqtt.md: size, JSON object, {@code v} 1,
 * {@code station} equal to the topic's (a station cannot publish for another), {@code type} equal to the topic's
 * and of a known family, integer {@code seq}, ISO {@code ts}. Never throws.
 */
final class EventParser {
    /** Event families stations send; a new type within them is stored, a new family is an unknown type. */
    static final Set<String> FAMILIES = Set.of("access", "door", "alarm", "occupancy", "station", "command",
            "locker", "scanner", "health");
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z_]*(\\.[a-z_]+)+");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one payload turned out to be. */
    sealed interface Parsed permits Accepted, Refused {
    }

    record Accepted(IngestedEvent event) implements Parsed {
    }

    record Refused(Reject reject) implements Parsed {
    }

    private final int maxPayload;

    EventParser(int maxPayload) {
        this.maxPayload = maxPayload;
    }

    Parsed parse(String topic, StationTopic t, byte[] payload, long receivedAt) {
        if (payload.length > maxPayload) {
            return refused(topic, "oversized", payload.length + " bytes, limit " + maxPayload, payload, receivedAt);
        }
        JsonNode n;
        try {
            n = JSON.readTree(payload);
        } catch (Exception e) {
            return refused(topic, "malformed", "not JSON: " + firstLine(e.getMessage()), payload, receivedAt);
        }
        if (n == null || !n.isObject()) {
            return refused(topic, "malformed", "not a JSON object", payload, receivedAt);
        }
        if (n.path("v").asInt(-1) != 1) {
            return refused(topic, "malformed", "v must be 1", payload, receivedAt);
        }
        if (!t.ref().equals(n.path("station").asText(null))) {
            return refused(topic, "topic_mismatch", "station " + n.path("station") + " on the topic of " + t.ref(),
                    payload, receivedAt);
        }
        String type = n.path("type").asText("");
        if (!type.equals(t.detail())) {
            return refused(topic, "topic_mismatch", "type " + n.path("type") + " on the topic of " + t.detail(),
                    payload, receivedAt);
        }
        if (!TYPE.matcher(type).matches() || !FAMILIES.contains(type.substring(0, type.indexOf('.')))) {
            return refused(topic, "unknown_type", "type " + type, payload, receivedAt);
        }
        JsonNode seq = n.path("seq");
        if (!seq.isIntegralNumber() || !seq.canConvertToLong() || seq.asLong() < 0) {
            return refused(topic, "malformed", "seq must be a whole number >= 0", payload, receivedAt);
        }
        long ts;
        try {
            ts = Instant.parse(n.path("ts").asText("")).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            return refused(topic, "malformed", "ts must be an ISO-8601 instant", payload, receivedAt);
        }
        JsonNode member = n.path("member");
        String memberId = member.isTextual() && member.asText().length() <= 64 ? member.asText() : null;
        return new Accepted(new IngestedEvent(t.site(), t.ref(), seq.asLong(), ts, type, memberId, n,
                new String(payload, StandardCharsets.UTF_8), receivedAt));
    }

    private static Refused refused(String topic, String reason, String detail, byte[] payload, long at) {
        return new Refused(Reject.of(topic, reason, detail, payload, at));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
