// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.telemetry;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import io.vertx.core.Vertx;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.protocol.BadgeScope;
import org.unionkiosk.protocol.Badges;
import org.unionkiosk.protocol.CommandCodec;
import org.unionkiosk.protocol.KeyFiles;
import org.unionkiosk.protocol.RemoteCommand;
import org.unionkiosk.protocol.SigningKey;
import org.unionkiosk.protocol.Topics;
import org.unionkiosk.station.MockPi4j;
import org.unionkiosk.station.StationConfigs;
import org.unionkiosk.station.StationMain;
import org.unionkiosk.station.StationProcess;
import org.unionkiosk.station.config.ConfigLoader;

/** The station's MQTT side in-process against a real Mosquitto: outbox through outages, and signed commands. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class TelemetryIT {
    static final Topics TOPICS = new Topics("demo-site", "station-1");

    @TempDir
    Path dir;
    private final SigningKey badgeKey = Badges.newKey();
    private final SigningKey centralKey = Badges.newKey();
    private Mosquitto broker;
    private Central central;
    private Vertx vertx;
    private Context pi4j;
    private StationMain main;

    @AfterEach
    void tearDown() throws Exception {
        if (main != null) {
            main.stop().await(10, SECONDS);
            vertx.close().await(10, SECONDS);
        }
        if (central != null) {
            central.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    static String mqttYaml(int port) {
        return """
                mqtt:
                  url: tcp://127.0.0.1:%d
                  commandKeys: [keys/central.pub]
                  reconnectMinMs: 100
                  reconnectMaxMs: 800
                  statusIntervalSeconds: 5
                """.formatted(port);
    }

    private void startStation() throws Exception {
        KeyFiles.writePublic(java.nio.file.Files.createDirectories(dir.resolve("keys")).resolve("central.pub"),
                centralKey.publicKey());
        Path cfg = StationConfigs.write(dir, badgeKey, 0, StationConfigs.ACCESS + mqttYaml(broker.port()));
        StationProcess.mkfifo(dir.resolve("scan.fifo"));
        vertx = Vertx.vertx();
        pi4j = MockPi4j.newContext();
        main = new StationMain(vertx, pi4j);
        main.start(ConfigLoader.load(cfg), Clock.systemDefaultZone()).await(10, SECONDS);
        MockPi4j.set(pi4j, "exit-button", true);
    }

    private void scanLines(int n, String prefix) throws Exception {
        try (var out = new BufferedOutputStream(new FileOutputStream(dir.resolve("scan.fifo").toFile()))) {
            for (int i = 0; i < n; i++) {
                out.write((prefix + i + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private List<Long> storedSeqs() throws Exception {
        return org.unionkiosk.station.StationDb.seqs(dir.resolve("data/station.db"));
    }

    private long outboxDepth() throws Exception {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/station.db"));
             var rs = c.createStatement().executeQuery("SELECT count(*) FROM outbox")) {
            return rs.getLong(1);
        }
    }

    private void assertAllDeliveredInOrder() throws Exception {
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> outboxDepth() == 0
                    && central.firstSeen.size() >= storedSeqs().size());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("outbox depth " + outboxDepth() + ", stored " + storedSeqs().size()
                    + ", central saw " + central.firstSeen.size() + ", connected " + central.client.isConnected(), e);
        }
        List<Long> stored = storedSeqs();
        assertThat(List.copyOf(central.firstSeen)).as("every stored event reached central, first copies in seq order")
                .isEqualTo(stored);
    }

    @Nested
    class Outbox {
        @Test
        void tenThousandEventsMadeWhileTheBrokerIsDownAllArriveInOrder() throws Exception {
            broker = Mosquitto.start(dir, "");
            central = new Central(broker.url());
            broker.stop();
            startStation();

            scanLines(10_000, "garbage-");
            await().atMost(Duration.ofSeconds(30)).until(() -> storedSeqs().size() >= 10_001);
            assertThat(outboxDepth()).isGreaterThanOrEqualTo(10_001);
            broker.start();

            assertAllDeliveredInOrder();
            assertThat(storedSeqs()).hasSizeGreaterThanOrEqualTo(10_001);
        }

        @Test
        void brokerRestartedMidStreamLosesNothing() throws Exception {
            broker = Mosquitto.start(dir, "");
            central = new Central(broker.url());
            startStation();

            Thread writer = new Thread(() -> {
                try {
                    scanLines(5_000, "line-");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            await().until(() -> central.firstSeen.size() > 200);
            broker.stop();
            Thread.sleep(500);
            broker.start();
            writer.join();

            await().atMost(Duration.ofSeconds(30)).until(() -> storedSeqs().size() >= 5_001);
            assertAllDeliveredInOrder();
        }
    }

    @Nested
    class Commands {
        private String sign(String name, String id, Map<String, String> args, Duration ttl, String target,
                            SigningKey key) {
            Instant now = Instant.now();
            return CommandCodec.sign(new RemoteCommand(id, target, name, now, now.plus(ttl), args), key);
        }

        private String send(String name, String id, String payload) throws Exception {
            central.publish(TOPICS.command(name, id), payload, false);
            await().atMost(Duration.ofSeconds(5)).until(() -> central.responses.containsKey(id));
            var r = central.responses.get(id);
            return r.get("ok").asBoolean() ? "ok" : r.get("reason").asText();
        }

        private DigitalState relay() {
            return MockPi4j.output(pi4j, "door-lock").state();
        }

        @Test
        void refusesEveryBadCommandWithoutActuatingAndExecutesAValidOneOnce() throws Exception {
            broker = Mosquitto.start(dir, "");
            central = new Central(broker.url());
            // Left retained on the broker before the station subscribes: delivered to it with the retain flag.
            central.publish(TOPICS.command("unlock", "retain-001"), sign("unlock", "retain-001", Map.of(),
                    Duration.ofSeconds(30), "demo-site/station-1", centralKey), true);
            startStation();
            await().until(() -> central.states.stream().anyMatch(s -> s.get("online").asBoolean()));

            String forged = sign("unlock", "forged-0001", Map.of(), Duration.ofSeconds(30), "demo-site/station-1",
                    Badges.newKey());
            assertThat(send("unlock", "forged-0001", forged)).startsWith("unknown_key");
            String good = sign("unlock", "tamper-0001", Map.of("ms", "800"), Duration.ofSeconds(30),
                    "demo-site/station-1", centralKey);
            String tampered = good.replace("\"sig\":\"", "\"sig\":\"AA");
            assertThat(send("unlock", "tamper-0001", tampered)).startsWith("bad");
            assertThat(send("unlock", "unsig-0001", "{\"v\":1,\"body\":\"e30\"}")).startsWith("unsigned");
            assertThat(send("unlock", "junk-00001", "not json at all")).startsWith("bad_format");
            Instant past = Instant.now().minusSeconds(600);
            String expired = CommandCodec.sign(new RemoteCommand("expired-01", "demo-site/station-1", "unlock", past,
                    past.plusSeconds(30), Map.of()), centralKey);
            assertThat(send("unlock", "expired-01", expired)).startsWith("expired");
            String elsewhere = sign("unlock", "target-001", Map.of(), Duration.ofSeconds(30), "demo-site/station-2",
                    centralKey);
            assertThat(send("unlock", "target-001", elsewhere)).startsWith("wrong_target");
            String mismatched = sign("unlock", "topic-0001", Map.of(), Duration.ofSeconds(30), "demo-site/station-1",
                    centralKey);
            assertThat(send("lockdown", "topic-0001", mismatched)).startsWith("bad_format");
            assertThat(relay()).isEqualTo(DigitalState.LOW);

            String unlock = sign("unlock", "valid-0001", Map.of("ms", "800"), Duration.ofSeconds(30),
                    "demo-site/station-1", centralKey);
            assertThat(send("unlock", "valid-0001", unlock)).isEqualTo("ok");
            assertThat(relay()).isEqualTo(DigitalState.HIGH);
            await().atMost(Duration.ofSeconds(3)).until(() -> relay() == DigitalState.LOW);

            central.responses.remove("valid-0001");
            assertThat(send("unlock", "valid-0001", unlock)).startsWith("replayed");
            assertThat(central.responses).doesNotContainKey("retain-001");
            assertThat(relay()).isEqualTo(DigitalState.LOW);
        }

        @Test
        void lockdownRevokeAndConfigChangeWhatTheStationDecides() throws Exception {
            broker = Mosquitto.start(dir, "");
            central = new Central(broker.url());
            startStation();
            await().until(() -> central.states.stream().anyMatch(s -> s.get("online").asBoolean()));
            String target = "demo-site/station-1";

            assertThat(send("lockdown", "lockdown-1", sign("lockdown", "lockdown-1", Map.of("on", "true"),
                    Duration.ofSeconds(30), target, centralKey))).isEqualTo("ok");
            scanLines(0, "");
            String badge = Badges.issue(badgeKey, Badges.card("m-77", Instant.now(), Duration.ofDays(1),
                    BadgeScope.ALL));
            try (var out = new FileOutputStream(dir.resolve("scan.fifo").toFile())) {
                out.write((badge + "\n").getBytes(StandardCharsets.UTF_8));
            }
            await().until(() -> central.statuses.stream().anyMatch(s -> "lockdown"
                    .equals(s.at("/lastDecision/reason").asText())));

            assertThat(send("revoke", "revoke-001", sign("revoke", "revoke-001", Map.of("member", "m-77"),
                    Duration.ofSeconds(30), target, centralKey))).isEqualTo("ok");
            assertThat(send("config", "config-001", sign("config", "config-001", Map.of("capacity", "7"),
                    Duration.ofSeconds(30), target, centralKey))).isEqualTo("ok");
            assertThat(send("config", "config-002", sign("config", "config-002", Map.of("capacity", "lots"),
                    Duration.ofSeconds(30), target, centralKey))).startsWith("bad_args");
            assertThat(send("open-locker", "locker-001", sign("open-locker", "locker-001", Map.of("locker", "3"),
                    Duration.ofSeconds(30), target, centralKey))).contains("no locker bank");

            await().until(() -> central.statuses.stream().anyMatch(s -> s.at("/occupancy/capacity").asInt() == 7));
            try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/station.db"));
                 var rs = c.createStatement().executeQuery("SELECT count(*) FROM revocations WHERE value = 'm-77'")) {
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }
}
