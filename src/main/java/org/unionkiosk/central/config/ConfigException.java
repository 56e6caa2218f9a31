// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.config;

import java.util.List;

/** Every problem found in central.yaml, each naming the key path, the value and the fix. Exit status 78. */
public final class ConfigException extends RuntimeException {
    public static final int EXIT_CONFIG = 78;
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    /** Throws if a record's own checks found anything; keys are relative to the record's section. */
    static void throwIfAny(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    static void range(List<String> problems, String key, long value, long min, long max) {
        if (value < min || value > max) {
            problems.add(key + ": must be a whole number " + min + ".." + max + ", was " + value);
        }
    }
}
