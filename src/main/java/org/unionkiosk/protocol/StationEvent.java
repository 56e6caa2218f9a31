// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One station event before it has a sequence number: a dotted type ({@code access.granted}, {@code door.opened},
 * {@code alarm.forced_open}) and flat fields. {@link #envelope} gives the DESIGN §4 wire form once stored.
 */
public record StationEvent(String type, Instant ts, Map<String, Object> fields) {
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    public StationEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(ts, "ts");
        fields = Map.copyOf(fields);
    }

    public static StationEvent of(String type, Instant ts, Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("fields come in key/value pairs");
        }
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                m.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return new StationEvent(type, ts, m);
    }

    /** The fields alone, as stored. */
    public String fieldsJson() {
        try {
            return JSON.writeValueAsString(fields);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("event fields must be JSON values", e);
        }
    }

    /** {@code {"v":1,"station":…,"seq":N,"ts":…,"type":…, …fields}} */
    public static String envelope(String station, long seq, String ts, String type, String fieldsJson) {
        try {
            ObjectNode n = JSON.createObjectNode();
            n.put("v", VERSION).put("station", station).put("seq", seq).put("ts", ts).put("type", type);
            ObjectNode f = (ObjectNode) JSON.readTree(fieldsJson);
            f.remove(java.util.List.of("v", "station", "seq", "ts", "type"));
            n.setAll(f);
            return JSON.writeValueAsString(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored event body is not JSON", e);
        }
    }
}
