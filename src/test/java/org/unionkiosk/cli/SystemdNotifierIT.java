// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.cli;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.protocol.Badges;
import org.unionkiosk.station.StationConfigs;
import org.unionkiosk.station.StationProcess;
import org.unionkiosk.testing.TestProcesses;

/** systemd's notify protocol received by socat on a Unix datagram socket, as systemd would receive it. */
@Timeout(value = 60, unit = SECONDS)
class SystemdNotifierIT {
    @TempDir
    Path dir;
    private Process socat;
    private Process station;

    private Path receiver() throws Exception {
        Path socket = dir.resolve("notify");
        socat = TestProcesses.start(new ProcessBuilder("socat", "-u", "UNIX-RECV:" + socket, "OPEN:"
                + dir.resolve("received") + ",creat,append").redirectErrorStream(true)
                .redirectOutput(dir.resolve("socat.log").toFile()));
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(socket));
        return socket;
    }

    private String received() throws Exception {
        Path f = dir.resolve("received");
        return Files.exists(f) ? Files.readString(f) : "";
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Process p : new Process[] {station, socat}) {
            if (p != null) {
                TestProcesses.stop(p, 10);
            }
        }
    }

    @Test
    void libcFallbackDeliversTheDatagramWithoutLibsystemd() throws Exception {
        Path socket = receiver();
        SystemdNotifier n = new SystemdNotifier(socket.toString(), false);

        assertThat(n.send("READY=1")).isTrue();

        assertThat(n.via()).isEqualTo("libc");
        await().atMost(Duration.ofSeconds(5)).until(() -> received().contains("READY=1"));
    }

    @Test
    void outsideSystemdNothingIsSent() {
        SystemdNotifier n = new SystemdNotifier(null, true);

        assertThat(n.send("READY=1")).isFalse();
        assertThat(n.via()).isEqualTo("none");
    }

    @Test
    void theStationProcessItselfSendsReadyThenWatchdogPings() throws Exception {
        Path socket = receiver();
        int port = StationProcess.freePort();
        Path cfg = StationConfigs.write(dir, Badges.newKey(), port, StationConfigs.ACCESS);
        StationProcess.mkfifo(dir.resolve("scan.fifo"));
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx64m", "-XX:+ExitOnOutOfMemoryError", "-jar",
                StationProcess.jar().toAbsolutePath().toString(), "run", "-c", cfg.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("station.log").toFile());
        pb.environment().put("NOTIFY_SOCKET", socket.toString());
        pb.environment().put("WATCHDOG_USEC", "1000000");
        station = TestProcesses.start(pb);

        await().atMost(Duration.ofSeconds(30)).until(() -> received().contains("READY=1"));
        await().atMost(Duration.ofSeconds(5)).until(() -> received().split("WATCHDOG=1", -1).length > 3);
        assertThat(Files.readString(dir.resolve("station.log"))).contains("systemd notified through");
    }
}
