// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A cursor over one map of the config tree that reads typed values, records each problem with its key path
 * instead of stopping at the first, and reports keys nobody read (typos) as unknown.
 */
final class ConfigNode {
    private final JsonNode node;
    private final String path;
    private static final String NUL = "must not contain a NUL character (\\0): remove it";
    private final List<String> problems;
    private final Set<String> read = new HashSet<>();

    ConfigNode(JsonNode node, String path, List<String> problems) {
        this.node = node == null ? MissingNode.getInstance() : node;
        this.path = path;
        this.problems = problems;
        if (!this.node.isMissingNode() && !this.node.isObject()) {
            problem("", "must be a map of keys", this.node);
        }
    }

    boolean present() {
        return node.isObject();
    }

    boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    boolean isNumber(String key) {
        return has(key) && node.get(key).isNumber();
    }

    String path(String key) {
        return path.isEmpty() ? key : key.isEmpty() ? path : path + "." + key;
    }

    void problem(String key, String message, Object value) {
        problems.add(path(key) + ": " + message + (value == null ? "" : ", was " + render(value)));
    }

    private static String render(Object value) {
        if (value instanceof JsonNode j) {
            return j.isTextual() ? "'" + j.asText() + "'" : j.toString();
        }
        return value instanceof String ? "'" + value + "'" : String.valueOf(value);
    }

    private JsonNode take(String key) {
        read.add(key);
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    ConfigNode child(String key) {
        return new ConfigNode(take(key), path(key), problems);
    }

    List<ConfigNode> children(String key) {
        JsonNode v = take(key);
        List<ConfigNode> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!v.isArray()) {
            problem(key, "must be a list", v);
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            out.add(new ConfigNode(v.get(i), path(key) + "[" + i + "]", problems));
        }
        return out;
    }

    String string(String key, String fallback) {
        JsonNode v = take(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isValueNode() || v.isBoolean() || v.asText().isBlank()) {
            problem(key, "must be a non-empty text", v);
            return fallback;
        }
        if (v.asText().indexOf('\0') >= 0) {
            problem(key, NUL, null); // no path, id or URL may hold one: Path.of would throw
            return fallback;
        }
        return v.asText();
    }

    String requiredString(String key, String hint) {
        String s = string(key, null);
        if (s == null && !problems.stream().anyMatch(p -> p.startsWith(path(key) + ":"))) {
            problem(key, "is required: " + hint, null);
        }
        return s;
    }

    List<String> strings(String key) {
        JsonNode v = take(key);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!v.isArray()) {
            problem(key, "must be a list of texts", v);
            return out;
        }
        for (JsonNode e : v) {
            if (!e.isTextual() || e.asText().isBlank()) {
                problem(key, "must be a list of texts", v);
                return List.of();
            }
            if (e.asText().indexOf('\0') >= 0) {
                problem(key, NUL, null);
                return List.of();
            }
            out.add(e.asText());
        }
        return out;
    }

    int integer(String key, int fallback, int min, int max) {
        JsonNode v = take(key);
        if (v == null) {
            return fallback;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
            problem(key, "must be a whole number " + min + ".." + max, v);
            return fallback;
        }
        return v.asInt();
    }

    Integer optionalInteger(String key, int min, int max) {
        return has(key) ? Integer.valueOf(integer(key, 0, min, max)) : consumeNull(key);
    }

    int requiredInteger(String key, int min, int max, String hint) {
        if (!has(key)) {
            take(key);
            problem(key, "is required: " + hint, null);
            return min;
        }
        return integer(key, min, min, max);
    }

    private Integer consumeNull(String key) {
        take(key);
        return null;
    }

    boolean bool(String key, boolean fallback) {
        JsonNode v = take(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isBoolean()) {
            problem(key, "must be true or false", v);
            return fallback;
        }
        return v.asBoolean();
    }

    <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
        String s = string(key, null);
        if (s == null) {
            return fallback;
        }
        for (E e : type.getEnumConstants()) {
            if (e.toString().equals(s)) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.toString());
        }
        problem(key, "must be one of " + names, s);
        return fallback;
    }

    LocalTime time(String key, LocalTime fallback) {
        String s = string(key, null);
        if (s == null) {
            return fallback;
        }
        try {
            return LocalTime.parse(s);
        } catch (DateTimeParseException e) {
            problem(key, "must be a time of day HH:MM", s);
            return fallback;
        }
    }

    /** Reports keys present in the file but read by nobody: usually a typo of a real key. */
    void rejectUnknownKeys() {
        if (!node.isObject()) {
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!read.contains(k)) {
                problem(k, "unknown key (check its spelling against docs/configuration.md)", null);
            }
        }
    }
}
