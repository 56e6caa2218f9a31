// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.config;

import java.nio.file.Path;

/** One badge reader. A serial device path may be a FIFO, which is how simulations and tests feed scans. */
public record ScannerConfig(String id, Type type, Role role, Path device, int maxLineLength) {
    public static final int DEFAULT_MAX_LINE = 2048;

    public enum Type {
        SERIAL;

        @Override
        public String toString() {
            return name().toLowerCase();
        }
    }

    /** Entry readers admit people, exit readers let them out (and count them out). */
    public enum Role {
        ENTRY, EXIT;

        @Override
        public String toString() {
            return name().toLowerCase();
        }
    }
}
