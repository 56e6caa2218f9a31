// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.console;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A station as central sees it over a real broker: the DESIGN §4 envelope (retained state birth with an offline
 * will, retained status, events with seq, answers on res/{id}). {@link #crash} drops the connection without a
 * DISCONNECT, as a killed process does, so the broker publishes the will.
 */
final class FakeStation implements AutoCloseable {
    private final String site;
    private final String station;
    private final MqttAsyncClient client;
    private final long session;
    private final AtomicLong seq;

    /** Connects with a will and publishes the birth of {@code session}; {@code seq} continues across sessions. */
    FakeStation(String brokerUrl, String site, String station, long session, AtomicLong seq,
                boolean answerCommands) throws Exception {
        this.site = site;
        this.station = station;
        this.session = session;
        this.seq = seq;
        client = new MqttAsyncClient(brokerUrl, "st-" + site + "-" + station + "-" + session, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setKeepAliveInterval(5);
        o.setAutomaticReconnect(false);
        o.setWill(topic("state"), ("{\"v\":1,\"online\":false,\"session\":" + session + "}")
                .getBytes(StandardCharsets.UTF_8), 1, true);
        client.connect(o).waitForCompletion(10_000);
        if (answerCommands) {
            // Answers every command as the station would after verifying it: ok, on res/{id}.
            client.subscribe(topic("cmd/#"), 1, (t, m) -> {
                String id = t.substring(t.lastIndexOf('/') + 1);
                client.publish(topic("res/" + id), ("{\"v\":1,\"id\":\"" + id + "\",\"ok\":true}")
                        .getBytes(StandardCharsets.UTF_8), 1, false);
            }).waitForCompletion(10_000);
        }
        publish("state", "{\"v\":1,\"online\":true,\"session\":" + session + ",\"boot\":\"" + Instant.now()
                + "\",\"version\":\"test\"}", true);
    }

    String ref() {
        return site + "/" + station;
    }

    private String topic(String tail) {
        return "kiosk/v1/" + site + "/" + station + "/" + tail;
    }

    void status(int inside, int capacity, String door) throws Exception {
        publish("status", "{\"v\":1,\"station\":\"" + ref() + "\",\"door\":\"" + door + "\",\"occupancy\":{\"inside\":"
                + inside + ",\"capacity\":" + capacity + "},\"alarms\":[],\"lockdown\":false,\"clockSynced\":true,"
                + "\"problems\":[],\"lockers\":{\"free\":6,\"owned\":2,\"overdue\":0,\"outOfService\":[]},"
                + "\"health\":{\"outboxDepth\":0,\"diskFreeMb\":9000},\"at\":\"" + Instant.now() + "\"}", true);
    }

    /** One event; {@code fields} is the inside of a JSON object, e.g. {@code "member":"m1","role":"entry"}. */
    void event(String type, String fields) throws Exception {
        publish("evt/" + type, "{\"v\":1,\"station\":\"" + ref() + "\",\"seq\":" + seq.incrementAndGet() + ",\"ts\":\""
                + Instant.now() + "\",\"type\":\"" + type + "\"" + (fields.isEmpty() ? "" : "," + fields) + "}", false);
    }

    /** A self-test report as {@code union-kiosk selftest} sends it: the door contact failed, the broker passed. */
    void selftestWithAFailedContact() throws Exception {
        publish("selftest", "{\"v\":1,\"station\":\"" + ref() + "\",\"at\":\"" + Instant.now() + "\","
                + "\"version\":\"0.1.0\",\"passed\":false,\"counts\":{\"pass\":1,\"fail\":1,\"skip\":0},"
                + "\"results\":[{\"name\":\"door contact (BCM 27)\",\"ok\":false,\"part\":\"door.contact\","
                + "\"what\":\"door contact (BCM 27)\",\"result\":\"fail\",\"detail\":\"no change within 30 s\","
                + "\"fix\":\"no change on BCM 27: check the door contact wiring or door.contact\"},"
                + "{\"name\":\"broker tcp://b:1883\",\"ok\":true,\"part\":\"mqtt\",\"what\":\"broker tcp://b:1883\","
                + "\"result\":\"pass\",\"detail\":\"connected in 3 ms\"}]}", true);
    }

    private void publish(String tail, String json, boolean retained) throws Exception {
        MqttMessage m = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        m.setRetained(retained);
        client.publish(topic(tail), m).waitForCompletion(10_000);
    }

    /** Drops the TCP connection without DISCONNECT: the broker publishes the will. */
    void crash() throws Exception {
        client.disconnectForcibly(0, 0, false);
        client.close(true);
    }

    @Override
    public void close() throws Exception {
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(5_000);
        }
        client.close(true);
    }
}
