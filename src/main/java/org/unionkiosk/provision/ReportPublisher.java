// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.provision;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.unionkiosk.protocol.Topics;
import org.unionkiosk.station.config.MqttConfig;

/**
 * Hands the report to central: QoS 1, retained on {@code kiosk/v1/{site}/{station}/selftest}, so central shows the
 * last self-test of each station even if it was down while the test ran. Same connection as {@link BrokerCheck}.
 */
final class ReportPublisher {
    private ReportPublisher() {
    }

    static String topic(String stationRef) {
        return Topics.PREFIX + stationRef + "/selftest";
    }

    /** Null when the broker acknowledged it, otherwise why not (the report is still kept on the station). */
    static String publish(MqttConfig mqtt, String stationRef, SelfTestReport report, Duration timeout) {
        long t = timeout.toMillis();
        MqttAsyncClient client = null;
        try {
            client = new MqttAsyncClient(mqtt.url(), mqtt.clientId() + "-selftest", new MemoryPersistence());
            client.connect(BrokerCheck.options(mqtt, timeout)).waitForCompletion(t);
            client.publish(topic(stationRef), report.json().getBytes(StandardCharsets.UTF_8), 1, true)
                    .waitForCompletion(t);
            return null;
        } catch (Exception e) {
            return DoorChecks.reason(e);
        } finally {
            if (client != null) {
                try {
                    if (client.isConnected()) {
                        client.disconnect().waitForCompletion(t);
                    }
                    client.close();
                } catch (MqttException e) {
                    // published or not, the verdict is already known
                }
            }
        }
    }
}
