// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.unionkiosk.protocol.KeyFiles;
import org.unionkiosk.protocol.SigningKey;

/** Writes a complete simulated-station config (mock platform, FIFO scanner) into a test directory. */
public final class StationConfigs {
    private StationConfigs() {
    }

    /** Writes kiosk.yaml and the public key; returns the config path. {@code extra} is appended YAML. */
    public static Path write(Path dir, SigningKey key, int port, String extra) throws IOException {
        Files.createDirectories(dir.resolve("keys"));
        KeyFiles.writePublic(dir.resolve("keys/union.pub"), key.publicKey());
        Path cfg = dir.resolve("kiosk.yaml");
        Files.writeString(cfg, """
                station:
                  site: demo-site
                  id: station-1
                  dataDir: data
                hardware:
                  platform: mock
                door:
                  lock: {bcm: 17}
                  lockType: fail-secure
                  contact: {bcm: 27}
                  exitButton: {bcm: 22, activeLow: true}
                  tamper: {bcm: 23}
                  fireAlarm: {bcm: 24}
                  greenLed: {bcm: 5}
                  redLed: {bcm: 6}
                  buzzer: {bcm: 13}
                  unlockMs: 1000
                  heldOpenSeconds: 5
                scanners:
                  - {id: entry, type: serial, role: entry, device: scan.fifo, maxCodesPerSecond: 1000000}
                http:
                  host: 127.0.0.1
                  port: %d
                """.formatted(port) + extra);
        return cfg;
    }

    public static final String ACCESS = """
            access:
              trustedKeys: [keys/union.pub]
              requireClockSync: false
              capacity: 2
            """;
}
