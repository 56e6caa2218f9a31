// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.protocol.Badges;
import org.unionkiosk.protocol.KeyFiles;
import org.unionkiosk.station.store.DataFolderLock;

class SelftestCommandTest {
    @TempDir
    Path dir;

    @Test
    void refusesToDriveTheHardwareOfAStationThatHoldsItsDataFolder() throws Exception {
        Files.createDirectories(dir.resolve("keys"));
        KeyFiles.writePublic(dir.resolve("keys/union.pub"), Badges.newKey().publicKey());
        Files.writeString(dir.resolve("scan.txt"), "");
        Path cfg = dir.resolve("kiosk.yaml");
        Files.writeString(cfg, """
                station: {site: demo-site, id: station-1, dataDir: data}
                hardware: {platform: mock}
                door:
                  lock: {bcm: 17}
                  contact: {bcm: 27}
                  exitButton: {bcm: 22, activeLow: true}
                  greenLed: {bcm: 5}
                  redLed: {bcm: 6}
                access:
                  trustedKeys: [keys/union.pub]
                  requireClockSync: false
                scanners:
                  - {id: entry, type: serial, role: entry, device: scan.txt}
                http: {host: 127.0.0.1, port: 0}
                """);
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc;
        // A station run by hand, not by systemd: only its folder lock shows it is there.
        try (DataFolderLock station = DataFolderLock.acquire(dir.resolve("data"))) {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            rc = UnionKioskCommand.newCommandLine().execute("selftest", "-c", cfg.toString(), "--non-interactive");
        } finally {
            System.setErr(old);
        }

        assertThat(rc).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is in use by another station process",
                "stop that station first");
        assertThat(dir.resolve("data/selftest.json")).doesNotExist();
    }
}
