// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.telemetry;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
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

/** A command signed to live for ever (exp in the year 12294) never opens the door, first time or replayed. */
@Timeout(value = 60, unit = SECONDS)
class CommandExpiryIT {
    private static final String STATION = "demo-site/station-1";

    @TempDir
    Path dir;
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

    /** What central's key could be made to sign by a careless or hostile signer: any body bytes. */
    private String signedBody(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return "{\"v\":1,\"kid\":\"" + centralKey.publicKey().kidHex() + "\",\"body\":\"" + b64.encodeToString(bytes)
                + "\",\"sig\":\"" + b64.encodeToString(centralKey.sign(bytes)) + "\"}";
    }

    private String send(String name, String id, String payload) throws Exception {
        central.responses.remove(id);
        central.publish(TelemetryIT.TOPICS.command(name, id), payload, false);
        await().atMost(Duration.ofSeconds(5)).until(() -> central.responses.containsKey(id));
        var r = central.responses.get(id);
        return r.get("ok").asBoolean() ? "ok" : r.get("reason").asText();
    }

    @Test
    void farFutureCommandIsRefusedAndStaysRefusedAfterOthersArePruned() throws Exception {
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
        long iat = Instant.now().getEpochSecond();
        long year12294 = Instant.parse("+12294-01-01T00:00:00Z").getEpochSecond();
        String forever = signedBody("{\"id\":\"forever-001\",\"station\":\"" + STATION + "\",\"name\":\"unlock\","
                + "\"iat\":" + iat + ",\"exp\":" + year12294 + ",\"args\":{\"ms\":\"800\"}}");
        String instantMax = signedBody("{\"id\":\"forever-002\",\"station\":\"" + STATION + "\",\"name\":\"unlock\","
                + "\"iat\":" + iat + ",\"exp\":" + Instant.MAX.getEpochSecond() + ",\"args\":{}}");

        assertThat(send("unlock", "forever-001", forever)).startsWith("bad_format");
        assertThat(send("unlock", "forever-002", instantMax)).startsWith("bad_format");
        Instant now = Instant.now();
        String other = CommandCodec.sign(new RemoteCommand("ordinary-01", STATION, "lockdown", now,
                now.plusSeconds(30), Map.of("on", "false")), centralKey);
        assertThat(send("lockdown", "ordinary-01", other)).isEqualTo("ok"); // prunes expired replay records
        assertThat(send("unlock", "forever-001", forever)).startsWith("bad_format");

        assertThat(MockPi4j.output(pi4j, "door-lock").state()).isEqualTo(DigitalState.LOW);
    }
}
