// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.provision;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.unionkiosk.protocol.Topics;
import org.unionkiosk.station.config.MqttConfig;
import org.unionkiosk.station.telemetry.TlsSockets;

/**
 * The broker with the station's own URL, credentials and TLS files: connect, subscribe to the station's command
 * topic (a broker that refuses it in the SUBACK, as EMQX and HiveMQ do, shows the username does not match the ACL's
 * SITE/STATION; Mosquitto 2.0 grants it and filters at delivery), and one QoS 1 publish on its response topic,
 * acknowledged by the broker. A separate client id, so a running station's session is not taken over.
 */
final class BrokerCheck {
    private final MqttConfig mqtt;
    private final String stationRef;
    private final Duration timeout;

    BrokerCheck(MqttConfig mqtt, String stationRef, Duration timeout) {
        this.mqtt = mqtt;
        this.stationRef = stationRef;
        this.timeout = timeout;
    }

    /** The station's own URL, credentials and TLS files, as a clean session that never reconnects. */
    static MqttConnectOptions options(MqttConfig mqtt, Duration timeout) throws Exception {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setAutomaticReconnect(false);
        o.setCleanSession(true);
        o.setConnectionTimeout((int) Math.max(1, timeout.toSeconds()));
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        if (mqtt.username() != null) {
            o.setUserName(mqtt.username());
        }
        if (mqtt.password() != null) {
            o.setPassword(mqtt.password());
        }
        if (mqtt.tls()) {
            o.setSocketFactory(TlsSockets.factory(mqtt.caFile(), mqtt.certFile(), mqtt.keyFile()));
            o.setHttpsHostnameVerificationEnabled(true);
        }
        return o;
    }

    CheckResult run() {
        String what = "broker " + mqtt.url() + (mqtt.username() == null ? "" : " as " + mqtt.username());
        String nonce = ScannerChecks.testCode().toLowerCase();
        long t = timeout.toMillis();
        MqttAsyncClient client = null;
        String step = "connect";
        try {
            client = new MqttAsyncClient(mqtt.url(), mqtt.clientId() + "-selftest", new MemoryPersistence());
            MqttConnectOptions o = options(mqtt, timeout);
            long start = System.nanoTime();
            client.connect(o).waitForCompletion(t);
            long connected = System.nanoTime();
            step = "subscribe";
            var sub = client.subscribe(Topics.PREFIX + stationRef + "/cmd/selftest/" + nonce, 1);
            sub.waitForCompletion(t);
            int granted = sub.getGrantedQos()[0];
            if (granted == 0x80) {
                return CheckResult.fail("mqtt", what, "connected, but the broker refused the station's own command "
                        + "topic", "the broker ACL confines a station by its username: set mqtt.username to "
                        + stationRef + " or fix the ACL (firmware-config/mosquitto/union-kiosk.acl)");
            }
            step = "publish";
            String body = "{\"v\":1,\"id\":\"selftest-" + nonce + "\",\"ok\":true,\"reason\":\"selftest\"}";
            client.publish(Topics.PREFIX + stationRef + "/res/selftest-" + nonce,
                    body.getBytes(StandardCharsets.UTF_8), 1, false).waitForCompletion(t);
            long done = System.nanoTime();
            return CheckResult.pass("mqtt", what, String.format("connected in %d ms%s, subscribe and QoS 1 "
                    + "publish acknowledged in %d ms", (connected - start) / 1_000_000, mqtt.tls() ? " (TLS)" : "",
                    (done - connected) / 1_000_000));
        } catch (MqttSecurityException e) {
            return CheckResult.fail("mqtt", what, step + ": " + e.getMessage(), "the broker refused the "
                    + "credentials: check mqtt.username and the file in mqtt.passwordFile against the broker's "
                    + "password file");
        } catch (MqttException e) {
            return CheckResult.fail("mqtt", what, step + ": " + DoorChecks.reason(e), e.getReasonCode()
                    == MqttException.REASON_CODE_CLIENT_TIMEOUT || step.equals("connect") ? "check the network "
                    + "(ping the broker host), the port in mqtt.url and the firewall; with ssl:// check mqtt.caFile "
                    + "and that the broker's certificate names the host in mqtt.url" : "check the broker's log");
        } catch (Exception e) {
            return CheckResult.fail("mqtt", what, step + ": " + DoorChecks.reason(e), "check mqtt.caFile, "
                    + "mqtt.certFile and mqtt.keyFile (PEM, readable by the union-kiosk user)");
        } finally {
            if (client != null) {
                try {
                    if (client.isConnected()) {
                        client.disconnect().waitForCompletion(t);
                    }
                    client.close();
                } catch (MqttException e) {
                    // closing after the verdict: nothing left to report
                }
            }
        }
    }
}
