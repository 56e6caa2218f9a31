// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.protocol.Badges;
import org.unionkiosk.protocol.KeyFiles;
import org.unionkiosk.protocol.StationPresence;
import org.unionkiosk.station.StationConfigs;
import org.unionkiosk.station.StationProcess;

/** kill -9 of the station process mid-stream: the will appears, the restart wins, and no stored event is lost. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class StationCrashIT {
    @TempDir
    Path dir;

    private List<Long> storedSeqs() throws Exception {
        return org.unionkiosk.station.StationDb.seqs(dir.resolve("data/station.db"));
    }

    @Test
    void killedMidStreamThenRestartedLosesNothingAndTheNewerBirthWins() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir, ""); Central central = new Central(broker.url())) {
            Files.createDirectories(dir.resolve("keys"));
            KeyFiles.writePublic(dir.resolve("keys/central.pub"), Badges.newKey().publicKey());
            int port = StationProcess.freePort();
            Path cfg = StationConfigs.write(dir, Badges.newKey(), port, StationConfigs.ACCESS
                    + TelemetryIT.mqttYaml(broker.port()));
            Path fifo = dir.resolve("scan.fifo");
            StationProcess.mkfifo(fifo);

            StationProcess first = StationProcess.start(cfg, fifo, port);
            await().until(() -> central.states.stream().anyMatch(s -> s.get("online").asBoolean()));
            long firstSession = central.states.get(central.states.size() - 1).get("session").asLong();
            Thread writer = new Thread(() -> {
                try (var out = new BufferedOutputStream(new FileOutputStream(fifo.toFile()), 64)) {
                    for (int i = 0; i < 20_000; i++) {
                        out.write(("scan-" + i + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                } catch (IOException expected) {
                    // Broken pipe: the reader was killed.
                }
            });
            writer.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> central.firstSeen.size() > 500);
            first.process().destroyForcibly().waitFor();
            writer.join();

            await().atMost(Duration.ofSeconds(10)).until(() -> central.states.stream().anyMatch(s ->
                    !s.get("online").asBoolean() && s.get("session").asLong() == firstSession));
            List<Long> storedAtCrash = storedSeqs();

            try (StationProcess second = StationProcess.start(cfg, fifo, port)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    List<Long> stored = storedSeqs();
                    return central.copies.keySet().containsAll(stored);
                });
                assertThat(central.copies.keySet()).containsAll(storedAtCrash);
                List<Long> firstSeen = List.copyOf(central.firstSeen);
                assertThat(firstSeen).as("first copies arrive in seq order").isSorted();

                StationPresence presence = new StationPresence();
                central.states.forEach(s -> presence.apply("demo-site/station-1", s.get("online").asBoolean(),
                        s.get("session").asLong()));
                // A will of the first session replayed late changes nothing.
                presence.apply("demo-site/station-1", false, firstSession);
                assertThat(presence.get("demo-site/station-1").online()).isTrue();
                assertThat(presence.get("demo-site/station-1").session()).isGreaterThan(firstSession);
            }
        }
    }
}
