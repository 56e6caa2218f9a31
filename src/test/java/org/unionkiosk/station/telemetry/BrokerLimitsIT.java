// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.telemetry;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.protocol.CommandCodec;

/**
 * The sample broker config must bound message size: Paho has no limit of its own, and one 100 MB payload on a
 * command topic once exhausted the station's heap. Checked on the shipped file, then on a real Mosquitto with it.
 */
@Timeout(value = 60, unit = SECONDS)
class BrokerLimitsIT {
    private static final Path SAMPLE = Path.of("firmware-config/mosquitto/mosquitto.conf");

    @TempDir
    Path dir;

    private static int sampleLimit() throws Exception {
        Matcher m = Pattern.compile("(?m)^message_size_limit\\s+(\\d+)\\s*$").matcher(Files.readString(SAMPLE));
        assertThat(m.find()).as("message_size_limit set in " + SAMPLE).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void sampleConfigBoundsMessagesWellBelowTheStationHeap() throws Exception {
        int limit = sampleLimit();

        assertThat(limit).isPositive().isGreaterThanOrEqualTo(CommandCodec.MAX_PAYLOAD).isLessThanOrEqualTo(1 << 20);
    }

    @Test
    void mosquittoWithTheSampleLimitNeverDeliversAnOversizedCommand() throws Exception {
        int limit = sampleLimit();
        try (Mosquitto broker = Mosquitto.start(dir, "message_size_limit " + limit + "\n")) {
            MqttClient station = new MqttClient(broker.url(), "station", new MemoryPersistence());
            station.connect();
            List<Integer> received = new CopyOnWriteArrayList<>();
            station.subscribe("kiosk/v1/s/st/cmd/#", 1, (t, m) -> received.add(m.getPayload().length));
            MqttClient attacker = new MqttClient(broker.url(), "attacker", new MemoryPersistence());
            attacker.connect();

            attacker.publish("kiosk/v1/s/st/cmd/unlock/big", new byte[limit + 1], 0, false);
            if (!attacker.isConnected()) {
                attacker.connect(); // Mosquitto may drop a client that sent an oversized packet
            }
            attacker.publish("kiosk/v1/s/st/cmd/unlock/small", "{}".getBytes(StandardCharsets.UTF_8), 1, false);

            await().atMost(Duration.ofSeconds(5)).until(() -> received.contains(2));
            assertThat(received).containsExactly(2);
            attacker.disconnect();
            station.disconnect();
        }
    }
}
