// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.config;

import java.util.List;

/** Every problem found in a config file, each naming the key path, the value and the fix. Exit status 78. */
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
}
