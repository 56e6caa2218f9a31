// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
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

    private static final java.util.Set<String> RESERVED = java.util.Set.of("v", "station", "seq", "ts", "type");
    private static final java.util.regex.Pattern TYPE = java.util.regex.Pattern.compile("[a-z][a-z_]*(\\.[a-z_]+)+");

    public StationEvent {
        Objects.requireNonNull(ts, "ts");
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("event type must be dotted lower-case words, was " + type);
        }
        for (String k : fields.keySet()) {
            if (RESERVED.contains(k)) {
                throw new IllegalArgumentException("event field " + k + " is reserved for the envelope");
            }
        }
        // Insertion order is the wire order of the fields after the envelope: stable for central and for people.
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        if (fields.containsKey(null) || fields.containsValue(null)) {
            throw new IllegalArgumentException("event fields must not be null");
        }
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
        // Spliced, not re-serialised: this runs once per published event. The stored fields are a JSON object
        // written by fieldsJson(), whose keys never clash with the envelope's (checked at construction); station,
        // ts and type are ids, an ISO instant and a dotted name, none of which needs escaping.
        String head = "{\"v\":" + VERSION + ",\"station\":\"" + station + "\",\"seq\":" + seq + ",\"ts\":\"" + ts
                + "\",\"type\":\"" + type + "\"";
        String body = fieldsJson.strip();
        if (!body.startsWith("{") || !body.endsWith("}")) {
            throw new IllegalStateException("stored event body is not a JSON object");
        }
        String inner = body.substring(1, body.length() - 1).strip();
        return inner.isEmpty() ? head + "}" : head + "," + inner + "}";
    }
}
