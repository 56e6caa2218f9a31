// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The central side as the tests need it: a Paho client subscribed to {@code kiosk/v1/#} that records events
 * (deduplicated by station and seq, as central must), state messages and command responses.
 */
final class Central implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    final MqttClient client;
    /** seq in first-seen order. */
    final List<Long> firstSeen = Collections.synchronizedList(new ArrayList<>());
    final Map<Long, Integer> copies = new ConcurrentHashMap<>();
    final List<JsonNode> states = new CopyOnWriteArrayList<>();
    final Map<String, JsonNode> responses = new ConcurrentHashMap<>();
    final List<JsonNode> statuses = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    Central(String url) throws Exception {
        this(url, null, null, null);
    }

    Central(String url, String user, String password) throws Exception {
        this(url, user, password, null);
    }

    /**
     * A persistent session, so nothing is missed while the broker restarts, and our own reconnect loop rather than
     * Paho's automatic reconnect: in Paho 1.2.5 an automatic attempt whose {@code connect} throws at once (client
     * still disconnecting or connecting) is only logged and never rescheduled ({@code
     * MqttAsyncClient.attemptReconnect}), and the subscriber then stays offline for good while the station's outbox
     * empties into the broker; TelemetryIT saw that as "central saw 409, connected false". The station never uses
     * Paho's reconnect for the same reason.
     */
    Central(String url, String user, String password, java.nio.file.Path caFile) throws Exception {
        client = new MqttClient(url, "central-test-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(false);
        o.setMaxInflight(1000);
        if (caFile != null) {
            o.setSocketFactory(TlsSockets.factory(caFile, null, null));
        }
        if (user != null) {
            o.setUserName(user);
            o.setPassword(password.toCharArray());
        }
        client.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                reconnect(o);
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) throws Exception {
                if (topic.contains("/cmd/") || topic.contains("/config/")) {
                    return; // our own commands, or config documents
                }
                JsonNode n = JSON.readTree(new String(m.getPayload(), StandardCharsets.UTF_8));
                if (topic.contains("/evt/")) {
                    long seq = n.get("seq").asLong();
                    if (copies.merge(seq, 1, Integer::sum) == 1) {
                        firstSeen.add(seq);
                    }
                } else if (topic.endsWith("/state")) {
                    states.add(n);
                } else if (topic.contains("/res/")) {
                    responses.put(n.get("id").asText(), n);
                } else if (topic.endsWith("/status")) {
                    statuses.add(n);
                }
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
            }
        });
        client.connect(o);
        client.subscribe("kiosk/v1/#", 1);
    }

    /** Retries every 100 ms until connected or closed; the broker keeps the session and its subscription. */
    private void reconnect(MqttConnectOptions o) {
        Thread t = new Thread(() -> {
            while (!closed && !client.isConnected()) {
                try {
                    client.connect(o);
                } catch (Exception notYet) {
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "central-test-reconnect");
        t.setDaemon(true);
        t.start();
    }

    void publish(String topic, String payload, boolean retained) throws Exception {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, retained);
    }

    @Override
    public void close() throws Exception {
        closed = true;
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
