// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.central.ApiClient;
import org.unionkiosk.central.Broker;
import org.unionkiosk.central.CentralFiles;
import org.unionkiosk.central.InProcessCentral;
import org.unionkiosk.central.Sql;
import org.unionkiosk.protocol.BadgeClaims;
import org.unionkiosk.protocol.BadgeIssuer;
import org.unionkiosk.protocol.BadgeKind;
import org.unionkiosk.protocol.BadgeScope;
import org.unionkiosk.protocol.KeyFiles;
import org.unionkiosk.station.StationConfigs;
import org.unionkiosk.station.StationProcess;

/**
 * Central with a real station process (the jar's {@code run}, mock platform) on a real Mosquitto: presence through
 * a kill -9 of the station, a late will of an older session, staleness, commands answered, refused and timed
 * out, and a revocation made while the station was offline, delivered when it returns and then enforced.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetIT {
    static final String STATION = "/api/stations/demo-site/station-1";
    @TempDir
    static Path dir;
    static Broker broker;
    static CentralFiles files;
    static InProcessCentral central;
    static ApiClient alice;
    static Path stationConfig;
    static Path fifo;
    static int stationPort;
    static StationProcess station;
    static String db;

    @BeforeAll
    static void start() throws Exception {
        broker = Broker.start(dir.resolve("broker"));
        files = new CentralFiles(dir.resolve("central"));
        db = "jdbc:sqlite:" + dir.resolve("central/fleet.db");
        central = InProcessCentral.start(files.config("fleet", broker.url(), db,
                "fleet: {statusIntervalSeconds: 5, commandTtlSeconds: 5, answerTimeoutSeconds: 6}\n"),
                "alice:admin");
        alice = central.client();
        assertThat(alice.login("alice", "alice-password").status()).isEqualTo(200);

        Path sdir = Files.createDirectories(dir.resolve("station"));
        Files.createDirectories(sdir.resolve("keys"));
        KeyFiles.writePublic(sdir.resolve("keys/central.pub"), files.commandKey.publicKey());
        stationPort = StationProcess.freePort();
        stationConfig = StationConfigs.write(sdir, files.badgeKey, stationPort, StationConfigs.ACCESS + """
                mqtt:
                  url: %s
                  commandKeys: [keys/central.pub]
                  reconnectMinMs: 100
                  reconnectMaxMs: 800
                  statusIntervalSeconds: 5
                """.formatted(broker.url()));
        fifo = sdir.resolve("scan.fifo");
        StationProcess.mkfifo(fifo);
        station = StationProcess.start(stationConfig, fifo, stationPort);
    }

    @AfterAll
    static void stop() throws Exception {
        if (station != null) {
            station.close();
        }
        if (central != null) {
            central.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    static JsonObject view() throws Exception {
        ApiClient.Answer a = alice.get(STATION);
        return a.status() == 200 ? a.json() : new JsonObject();
    }

    static JsonObject send(String name, JsonObject args) throws Exception {
        ApiClient.Answer a = alice.post(STATION + "/commands", new JsonObject().put("name", name).put("args", args));
        assertThat(a.status()).as(a.body()).isEqualTo(202);
        return a.json();
    }

    static JsonObject outcome(String id, String expected) {
        JsonObject[] last = {null};
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            last[0] = alice.get("/api/commands/" + id).json();
            return !last[0].getString("outcome").equals("pending");
        });
        assertThat(last[0].getString("outcome")).as(last[0].encode()).isEqualTo(expected);
        return last[0];
    }

    static void publish(String topic, String payload) throws Exception {
        MqttAsyncClient c = new MqttAsyncClient(broker.url(), "test-" + System.nanoTime(), new MemoryPersistence());
        c.connect(new MqttConnectOptions()).waitForCompletion(5000);
        c.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, true).waitForCompletion(5000);
        c.disconnect().waitForCompletion(5000);
        c.close();
    }

    @Test
    @Order(1)
    void aRealStationIsOnlineWithHealthAndReportedConfig() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> "online".equals(view().getString("presence"))
                && view().getJsonObject("health") != null && view().getJsonObject("reportedConfig") != null);

        JsonObject v = view();
        assertThat(v.getJsonObject("health").containsKey("outboxDepth")).isTrue();
        assertThat(v.getJsonObject("health").containsKey("clockSynced")).isTrue();
    }

    @Test
    @Order(2)
    void aCommandIsAnsweredOkAndABadOneRefusedWithItsReason() throws Exception {
        JsonObject ok = send("unlock", new JsonObject().put("ms", "1000"));
        JsonObject bad = send("unlock", new JsonObject().put("ms", "10"));

        outcome(ok.getString("id"), "ok");
        assertThat(outcome(bad.getString("id"), "refused").getString("reason")).startsWith("bad_args");
        assertThat(Sql.count(db, "SELECT COUNT(*) FROM audit WHERE action = 'command.unlock'")).isEqualTo(2);
    }

    @Test
    @Order(3)
    void killNineMarksTheStationOfflineAndALateWillOfAnOlderSessionDoesNot() throws Exception {
        long before = view().getLong("session");

        station.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> "offline".equals(view().getString("presence")));
        JsonObject unanswered = send("rebirth", new JsonObject());
        outcome(unanswered.getString("id"), "timeout");
        // Revoked while the station is away: central must deliver it when the station returns.
        assertThat(alice.post("/api/desired", new JsonObject().put("command", "revoke").put("argName", "member")
                .put("value", "m-77").put("scope", "demo-site")).status()).isEqualTo(201);

        station = StationProcess.start(stationConfig, fifo, stationPort);
        await().atMost(Duration.ofSeconds(30)).until(() -> "online".equals(view().getString("presence"))
                && view().getLong("session") > before);
        publish("kiosk/v1/demo-site/station-1/state", "{\"v\":1,\"online\":false,\"session\":" + before + "}");
        Thread.sleep(1000);

        assertThat(view().getString("presence")).isEqualTo("online");
    }

    @Test
    @Order(4)
    void theRevocationMadeWhileOfflineIsDeliveredOnReturnAndEnforced() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> alice.get("/api/desired").array().getJsonObject(0)
                .getJsonArray("deliveries").stream().anyMatch(d -> ((JsonObject) d).getString("outcome")
                        .equals("ok")));
        Instant now = Instant.now();
        String badge = new BadgeIssuer(files.badgeKey).issue(new BadgeClaims("test-union", "m-77", now,
                now.minusSeconds(60), now.plusSeconds(3600), "0011223344556677", BadgeScope.ALL, BadgeKind.CARD));

        station.scan(badge);

        await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count(db, "SELECT COUNT(*) FROM events WHERE "
                + "station = 'demo-site/station-1' AND type = 'access.denied' AND body LIKE '%\"revoked\"%'") == 1);
    }

    @Test
    @Order(5)
    void aStationThatStopsSendingStatusBecomesStale() throws Exception {
        publish("kiosk/v1/demo-site/ghost/state", "{\"v\":1,\"online\":true,\"session\":1}");
        await().atMost(Duration.ofSeconds(10)).until(() -> "online".equals(alice.get("/api/stations/demo-site/ghost")
                .json().getString("presence")));

        await().atMost(Duration.ofSeconds(25)).until(() -> "stale".equals(alice.get("/api/stations/demo-site/ghost")
                .json().getString("presence")));
    }
}
