// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.testing.TestProcesses;

/** The sample ACL of firmware-config/mosquitto against a real Mosquitto: a station stays inside its own topics. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BrokerAclIT {
    @TempDir
    Path dir;

    private static void passwd(Path file, String user, String password) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("mosquitto_passwd", "-b"));
        if (!Files.exists(file)) {
            cmd.add("-c");
        }
        cmd.addAll(List.of(file.toString(), user, password));
        assertThat(TestProcesses.start(new ProcessBuilder(cmd).inheritIO()).waitFor()).isZero();
    }

    private static MqttClient connect(String url, String user, String password) throws Exception {
        MqttClient c = new MqttClient(url, "acl-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName(user);
        o.setPassword(password.toCharArray());
        c.connect(o);
        return c;
    }

    @Test
    void stationCredentialsReachOnlyTheStationsOwnTopics() throws Exception {
        Path pw = dir.resolve("passwd");
        passwd(pw, "central", "c-secret");
        passwd(pw, "sz-nanshan/st-001", "s1-secret");
        Path acl = Path.of("firmware-config/mosquitto/union-kiosk.acl").toAbsolutePath();
        try (Mosquitto broker = Mosquitto.start(dir, "allow_anonymous false\npassword_file " + pw + "\nacl_file "
                + acl + "\n")) {
            MqttClient central = connect(broker.url(), "central", "c-secret");
            List<String> seen = new CopyOnWriteArrayList<>();
            central.subscribe("kiosk/v1/#", 1, (t, m) -> seen.add(t + " " + new String(m.getPayload(),
                    StandardCharsets.UTF_8)));
            MqttClient station = connect(broker.url(), "sz-nanshan/st-001", "s1-secret");

            station.publish("kiosk/v1/sz-nanshan/st-002/evt/access.granted", "forged".getBytes(), 1, false);
            station.publish("kiosk/v1/sz-nanshan/st-001/cmd/unlock/x", "self-command".getBytes(), 1, false);
            station.publish("kiosk/v1/sz-nanshan/st-002/selftest", "forged-report".getBytes(), 1, false);
            station.publish("kiosk/v1/sz-nanshan/st-001/selftest", "own-report".getBytes(), 1, false);
            station.publish("kiosk/v1/sz-nanshan/st-001/evt/door.opened", "own".getBytes(), 1, false);
            List<String> stationGot = new CopyOnWriteArrayList<>();
            // Mosquitto grants the subscription but never delivers what the ACL forbids reading.
            station.subscribe("kiosk/v1/sz-nanshan/st-002/cmd/#", 1, (t, m) -> stationGot.add(t));
            station.subscribe("kiosk/v1/sz-nanshan/st-001/cmd/#", 1, (t, m) -> stationGot.add(t));
            central.publish("kiosk/v1/sz-nanshan/st-002/cmd/unlock/a1", "{}".getBytes(), 1, false);
            central.publish("kiosk/v1/sz-nanshan/st-001/cmd/unlock/b1", "{}".getBytes(), 1, false);

            await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains(
                    "kiosk/v1/sz-nanshan/st-001/evt/door.opened own"));
            Thread.sleep(300);
            await().atMost(Duration.ofSeconds(5)).until(() -> stationGot.contains(
                    "kiosk/v1/sz-nanshan/st-001/cmd/unlock/b1"));
            assertThat(seen).filteredOn(m -> !m.contains("/cmd/"))
                    .containsExactly("kiosk/v1/sz-nanshan/st-001/selftest own-report",
                            "kiosk/v1/sz-nanshan/st-001/evt/door.opened own");
            assertThat(seen).noneMatch(m -> m.contains("self-command"));
            assertThat(stationGot).containsExactly("kiosk/v1/sz-nanshan/st-001/cmd/unlock/b1");
            assertThatThrownByConnect(broker.url(), "sz-nanshan/st-001", "wrong");
            station.disconnect();
            central.disconnect();
        }
    }

    private static void assertThatThrownByConnect(String url, String user, String password) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> connect(url, user, password))
                .hasMessageContaining("authori");
    }
}
