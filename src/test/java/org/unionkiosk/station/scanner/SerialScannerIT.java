// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.station.config.ScannerConfig;
import org.unionkiosk.testing.TestProcesses;

/** The serial scanner over a real pseudo-terminal pair (socat), including unplugging and plugging back. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SerialScannerIT {
    @TempDir
    Path dir;
    private Process socat;
    private SerialScanner scanner;

    private void plugIn() throws Exception {
        socat = TestProcesses.start(new ProcessBuilder("socat", "pty,raw,echo=0,link=" + dir.resolve("scanner"),
                "pty,raw,echo=0,link=" + dir.resolve("host")).redirectErrorStream(true)
                .redirectOutput(dir.resolve("socat.log").toFile()));
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(dir.resolve("scanner"))
                && Files.exists(dir.resolve("host")));
    }

    private void unplug() throws Exception {
        socat.destroy();
        socat.waitFor(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(dir.resolve("scanner")));
    }

    private void type(String bytes) throws Exception {
        try (var out = new FileOutputStream(dir.resolve("host").toFile())) {
            out.write(bytes.getBytes(StandardCharsets.UTF_8));
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        if (scanner != null) {
            scanner.stop();
        }
        if (socat != null) {
            socat.destroyForcibly().waitFor();
        }
    }

    @Test
    void refusesARegularFileInsteadOfReplayingIt() throws Exception {
        Files.writeString(dir.resolve("codes.txt"), "UK1:ONCE\n");
        List<BadgeScan> scans = new CopyOnWriteArrayList<>();
        List<String> faults = new CopyOnWriteArrayList<>();
        scanner = new SerialScanner(new ScannerConfig("entry", ScannerConfig.Type.SERIAL, ScannerConfig.Role.ENTRY,
                dir.resolve("codes.txt"), 256, 10, new ScannerConfig.Serial(9600, 8, "none", 1, "auto"), null, null),
                Clock.systemUTC());
        scanner.onScan(scans::add);
        scanner.onFault(faults::add);

        scanner.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> !faults.isEmpty());
        assertThat(faults.get(0)).contains("regular file");
        assertThat(scans).isEmpty();
    }

    @Test
    void readsCodesSurvivesUnplugAndReplugAndDropsOverlongLines() throws Exception {
        plugIn();
        List<BadgeScan> scans = new CopyOnWriteArrayList<>();
        scanner = new SerialScanner(new ScannerConfig("entry", ScannerConfig.Type.SERIAL, ScannerConfig.Role.ENTRY,
                dir.resolve("scanner"), 256, 10, new ScannerConfig.Serial(115_200, 8, "none", 1, "auto"), null, null),
                Clock.systemUTC());
        scanner.onScan(scans::add);
        scanner.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> scanner.problem() == null);

        type("UK1:FIRST\r\n");
        type("X".repeat(1000) + "\r\nUK1:SECOND\r");
        await().atMost(Duration.ofSeconds(5)).until(() -> scans.size() >= 2);
        assertThat(scans).extracting(BadgeScan::text).containsExactly("UK1:FIRST", "UK1:SECOND");
        assertThat(scans.get(0).role()).isEqualTo(ScannerConfig.Role.ENTRY);

        unplug();
        await().atMost(Duration.ofSeconds(5)).until(() -> scanner.problem() != null);
        plugIn();
        await().atMost(Duration.ofSeconds(5)).until(() -> scanner.problem() == null);
        type("UK1:THIRD\n");

        await().atMost(Duration.ofSeconds(5)).until(() -> scans.size() >= 3);
        assertThat(scans.get(2).text()).isEqualTo("UK1:THIRD");
    }
}
