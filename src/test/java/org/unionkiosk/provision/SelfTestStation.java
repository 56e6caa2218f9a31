// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.provision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.unionkiosk.protocol.KeyFiles;
import org.unionkiosk.protocol.Badges;
import org.unionkiosk.protocol.SigningKey;
import org.unionkiosk.station.StationProcess;

/** A complete mock-platform station for the self-test: door, a GPIO locker bank, a FIFO scanner, a synced clock. */
final class SelfTestStation {
    private SelfTestStation() {
    }

    /** Writes kiosk.yaml (and its key, FIFO and clock marker) into {@code dir}; {@code extra} is appended YAML. */
    static Path write(Path dir, String extra) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("keys"));
        SigningKey key = Badges.newKey();
        KeyFiles.writePublic(dir.resolve("keys/union.pub"), key.publicKey());
        KeyFiles.writePublic(dir.resolve("keys/central.pub"), key.publicKey());
        StationProcess.mkfifo(dir.resolve("scan.fifo"));
        Files.writeString(dir.resolve("synchronized"), "");
        Path cfg = dir.resolve("kiosk.yaml");
        Files.writeString(cfg, """
                station: {site: demo-site, id: station-1, dataDir: data}
                hardware: {platform: mock}
                door:
                  lock: {bcm: 17}
                  contact: {bcm: 27}
                  exitButton: {bcm: 22, activeLow: true}
                  tamper: {bcm: 23, activeLow: true}
                  fireAlarm: {bcm: 24, activeLow: true}
                  greenLed: {bcm: 5}
                  redLed: {bcm: 6}
                  buzzer: {bcm: 13}
                access:
                  trustedKeys: [keys/union.pub]
                  clockSyncFile: synchronized
                scanners:
                  - {id: entry, type: serial, role: entry, device: scan.fifo}
                lockers:
                  pulseMs: 100
                  banks:
                    - id: g
                      type: gpio
                      lockers:
                        - {id: "1", size: 1, lock: 20, closed: 21}
                        - {id: "2", size: 2, lock: 19, closed: 26}
                http: {host: 127.0.0.1, port: 0}
                """ + extra);
        return cfg;
    }
}
