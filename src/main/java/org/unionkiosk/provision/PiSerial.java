// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.provision;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The Pi's serial number (from /proc/cpuinfo or the device tree), which central records with the identity. */
final class PiSerial {
    private PiSerial() {
    }

    static String read(Path root) {
        try {
            Path cpuinfo = root.resolve("proc/cpuinfo");
            if (Files.isReadable(cpuinfo)) {
                for (String line : Files.readAllLines(cpuinfo, StandardCharsets.UTF_8)) {
                    if (line.startsWith("Serial")) {
                        return clean(line.substring(line.indexOf(':') + 1));
                    }
                }
            }
            Path dt = root.resolve("sys/firmware/devicetree/base/serial-number");
            if (Files.isReadable(dt)) {
                return clean(Files.readString(dt, StandardCharsets.US_ASCII));
            }
            Path machine = root.resolve("etc/machine-id");
            if (Files.isReadable(machine)) {
                return "machine-" + clean(Files.readString(machine, StandardCharsets.US_ASCII));
            }
        } catch (IOException e) {
            // fall through: no serial is not a reason to stop a technician
        }
        return "unknown";
    }

    private static String clean(String s) {
        String c = s.replace("\0", "").strip().replaceAll("[^A-Za-z0-9._-]", "");
        return c.isEmpty() ? "unknown" : c.substring(0, Math.min(c.length(), 56));
    }
}
