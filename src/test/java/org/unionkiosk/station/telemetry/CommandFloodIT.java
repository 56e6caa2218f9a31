// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.telemetry;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pi4j.context.Context;
import io.vertx.core.Vertx;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.protocol.Badges;
import org.unionkiosk.protocol.CommandCodec;
import org.unionkiosk.protocol.KeyFiles;
import org.unionkiosk.protocol.RemoteCommand;
import org.unionkiosk.protocol.SigningKey;
import org.unionkiosk.station.MockPi4j;
import org.unionkiosk.station.StationConfigs;
import org.unionkiosk.station.StationMain;
import org.unionkiosk.station.StationProcess;
import org.unionkiosk.station.config.ConfigLoader;

/** Junk flooding the command topic of a real Mosquitto must neither fill the database nor starve the outbox. */
@Timeout(value = 120, unit = SECONDS)
class CommandFloodIT {
    @TempDir
    Path dir;
    private final SigningKey centralKey = Badges.newKey();
    private Mosquitto broker;
    private Central central;
    private MqttAsyncClient attacker;
    private Vertx vertx;
    private Context pi4j;
    private StationMain main;

    @AfterEach
    void tearDown() throws Exception {
        if (main != null) {
            main.stop().await(10, SECONDS);
            vertx.close().await(10, SECONDS);
        }
        if (attacker != null) {
            attacker.disconnectForcibly(0, 1000);
            attacker.close(true);
        }
        if (central != null) {
            central.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private long count(String sql) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/station.db"));
             var rs = c.createStatement().executeQuery(sql)) {
            return rs.getLong(1);
        }
    }

    @Test
    void aJunkFloodIsCountedNotRecordedAndTheOutboxKeepsDraining() throws Exception {
        broker = Mosquitto.start(dir, "");
        central = new Central(broker.url());
        KeyFiles.writePublic(Files.createDirectories(dir.resolve("keys")).resolve("central.pub"),
                centralKey.publicKey());
        Path cfg = StationConfigs.write(dir, Badges.newKey(), 0, StationConfigs.ACCESS
                + TelemetryIT.mqttYaml(broker.port()));
        StationProcess.mkfifo(dir.resolve("scan.fifo"));
        vertx = Vertx.vertx();
        pi4j = MockPi4j.newContext();
        main = new StationMain(vertx, pi4j);
        main.start(ConfigLoader.load(cfg), Clock.systemDefaultZone()).await(10, SECONDS);
        MockPi4j.set(pi4j, "exit-button", true);
        await().atMost(Duration.ofSeconds(10)).until(() -> central.states.stream()
                .anyMatch(s -> s.get("online").asBoolean()));

        attacker = new MqttAsyncClient(broker.url(), "attacker", new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMaxInflight(5000);
        attacker.connect(o).waitForCompletion(5000);
        List<IMqttDeliveryToken> sent = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            sent.add(attacker.publish(TelemetryIT.TOPICS.command("unlock", "junk-" + (100_000 + i)),
                    ("{\"v\":1,\"junk\":" + i + "}").getBytes(StandardCharsets.UTF_8), 1, false));
        }
        // Events the station must still deliver while the flood is handled: 300 refused scans.
        try (var out = new BufferedOutputStream(new FileOutputStream(dir.resolve("scan.fifo").toFile()))) {
            for (int i = 0; i < 300; i++) {
                out.write(("not-a-badge-" + i + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        for (IMqttDeliveryToken t : sent) {
            t.waitForCompletion(30_000);
        }
        Instant now = Instant.now();
        String unlock = CommandCodec.sign(new RemoteCommand("valid-after-flood", "demo-site/station-1", "unlock",
                now, now.plusSeconds(30), Map.of("ms", "800")), centralKey);
        central.publish(TelemetryIT.TOPICS.command("unlock", "valid-after-flood"), unlock, false);

        await().atMost(Duration.ofSeconds(30)).until(() -> central.responses.containsKey("valid-after-flood"));
        assertThat(central.responses.get("valid-after-flood").get("ok").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM outbox") == 0
                && count("SELECT count(*) FROM events WHERE type = 'access.denied'") == 300);
        long denied = count("SELECT count(*) FROM events WHERE type = 'access.denied'");
        await().atMost(Duration.ofSeconds(10)).until(() -> central.firstSeen.size()
                >= count("SELECT count(*) FROM events"));
        assertThat(denied).isEqualTo(300);
        assertThat(count("SELECT count(*) FROM events WHERE type = 'command.refused'"))
                .isLessThanOrEqualTo(2L * RefusalLimiter.PER_MINUTE);
        assertThat(central.responses.keySet().stream().filter(id -> id.startsWith("junk-")).count())
                .isLessThanOrEqualTo(2L * RefusalLimiter.PER_MINUTE);
        assertThat(central.states.stream().filter(s -> s.get("online").asBoolean()).count())
                .as("the station's link never dropped (one birth)").isEqualTo(1);
    }
}
