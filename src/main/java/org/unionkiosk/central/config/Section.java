// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * One map of central.yaml: reads typed values, records type problems with their key path, and reports keys
 * nobody read (typos). Ranges are not checked here but by the records.
 */
final class Section {
    private final JsonNode node;
    final String path;
    private final List<String> problems;
    private final Set<String> read = new HashSet<>();

    Section(JsonNode node, String path, List<String> problems) {
        this.node = node == null || node.isNull() ? MissingNode.getInstance() : node;
        this.path = path;
        this.problems = problems;
        if (!this.node.isMissingNode() && !this.node.isObject()) {
            problems.add(path + ": must be a map of keys, was " + this.node);
        }
    }

    String key(String k) {
        return path.isEmpty() ? k : path + "." + k;
    }

    private JsonNode take(String k) {
        read.add(k);
        JsonNode v = node.get(k);
        return v == null || v.isNull() ? null : v;
    }

    boolean has(String k) {
        return node.has(k) && !node.get(k).isNull();
    }

    Section child(String k) {
        return new Section(take(k), key(k), problems);
    }

    String string(String k, String fallback) {
        JsonNode v = take(k);
        if (v == null) {
            return fallback;
        }
        if (!v.isValueNode() || v.isBoolean() || v.asText().isBlank()) {
            problems.add(key(k) + ": must be a non-empty text, was " + v);
            return fallback;
        }
        return v.asText();
    }

    int integer(String k, int fallback) {
        JsonNode v = take(k);
        if (v == null) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            problems.add(key(k) + ": must be a whole number, was " + v);
            return fallback;
        }
        return v.asInt();
    }

    boolean bool(String k, boolean fallback) {
        JsonNode v = take(k);
        if (v == null) {
            return fallback;
        }
        if (!v.isBoolean()) {
            problems.add(key(k) + ": must be true or false, was " + v);
            return fallback;
        }
        return v.asBoolean();
    }

    void problem(String k, String message) {
        problems.add(key(k) + ": " + message);
    }

    void rejectUnknownKeys() {
        if (!node.isObject()) {
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!read.contains(k)) {
                problems.add(key(k) + ": unknown key (check its spelling against docs/central.md)");
            }
        }
    }
}
