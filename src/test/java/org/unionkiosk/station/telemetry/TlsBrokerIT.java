// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.telemetry;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.protocol.Badges;
import org.unionkiosk.protocol.KeyFiles;
import org.unionkiosk.station.MockPi4j;
import org.unionkiosk.station.StationConfigs;
import org.unionkiosk.station.StationMain;
import org.unionkiosk.station.StationProcess;
import org.unionkiosk.station.config.ConfigLoader;
import org.unionkiosk.testing.TestProcesses;

/** The station over TLS with a per-station password, as the sample broker config runs it. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TlsBrokerIT {
    @TempDir
    Path dir;

    private void sh(String... cmd) throws Exception {
        Process p = TestProcesses.start(new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()));
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + Files.readString(dir.resolve("openssl.log")))
                .isZero();
    }

    @Test
    void connectsOverTlsWithPasswordAndPublishesBirth() throws Exception {
        sh("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-days", "2", "-subj", "/CN=test-union-ca", "-keyout", "ca.key", "-out", "ca.crt");
        sh("openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-subj", "/CN=localhost", "-keyout", "broker.key", "-out", "broker.csr");
        Files.writeString(dir.resolve("ext.cnf"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        sh("openssl", "x509", "-req", "-in", "broker.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-extfile", "ext.cnf", "-out", "broker.crt");
        List<String> passwd = List.of("mosquitto_passwd", "-c", "-b", dir.resolve("passwd").toString(),
                "demo-site/station-1", "s3cret-pw");
        assertThat(TestProcesses.start(new ProcessBuilder(passwd)).waitFor()).isZero();
        Files.writeString(dir.resolve("mqtt.password"), "s3cret-pw\n");
        int tlsPort = StationProcess.freePort();
        try (Mosquitto broker = Mosquitto.start(dir, "allow_anonymous false\npassword_file " + dir.resolve("passwd")
                + "\nlistener " + tlsPort + " 127.0.0.1\ncafile " + dir.resolve("ca.crt") + "\ncertfile "
                + dir.resolve("broker.crt") + "\nkeyfile " + dir.resolve("broker.key") + "\n")) {
            Files.createDirectories(dir.resolve("keys"));
            KeyFiles.writePublic(dir.resolve("keys/central.pub"), Badges.newKey().publicKey());
            Path cfg = StationConfigs.write(dir, Badges.newKey(), 0, StationConfigs.ACCESS + """
                    mqtt:
                      url: ssl://localhost:%d
                      username: demo-site/station-1
                      passwordFile: mqtt.password
                      caFile: ca.crt
                      commandKeys: [keys/central.pub]
                      reconnectMinMs: 100
                    """.formatted(tlsPort));
            StationProcess.mkfifo(dir.resolve("scan.fifo"));
            Vertx vertx = Vertx.vertx();
            StationMain main = new StationMain(vertx, MockPi4j.newContext());
            var config = ConfigLoader.load(cfg);
            assertThat(config.mqtt().toString()).doesNotContain("s3cret-pw").contains("<redacted>");
            try (Central central = new Central(broker.url().replace(":" + broker.port(), ":" + tlsPort)
                    .replace("tcp://127.0.0.1", "ssl://localhost"), "demo-site/station-1", "s3cret-pw",
                    dir.resolve("ca.crt"))) {
                main.start(config, Clock.systemDefaultZone()).await(10, SECONDS);

                await().atMost(Duration.ofSeconds(10)).until(() -> central.states.stream()
                        .anyMatch(s -> s.get("online").asBoolean()));
            } finally {
                main.stop().await(10, SECONDS);
                vertx.close().await(10, SECONDS);
            }
        }
    }
}
