// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.ingest;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.central.config.BrokerConfig;

/**
 * Central's one Paho {@code MqttAsyncClient}: a persistent session ({@code cleanSession=false}, the stable client
 * id of the config) so the broker queues what arrives while central is down; shared subscriptions so instances
 * split the fleet; manual acks, so a message is acknowledged only when {@link #ack} is called after its commit.
 * Automatic reconnect is off: our loop backs off with jitter and resubscribes. Paho calls run on one worker;
 * callbacks are handed to the owning context at once and never throw.
 */
public final class BrokerLink {
    private static final Logger log = LoggerFactory.getLogger(BrokerLink.class);
    private static final long TIMEOUT_MS = 10_000;
    private static final long BACKOFF_MIN_MS = 500;
    private static final long BACKOFF_MAX_MS = 30_000;

    /** One received message; {@code connection} tells which connection it came on (acks never cross one). */
    public record Message(String topic, byte[] payload, int id, int qos, long receivedAt, long connection) {
    }

    /** Receives messages on the owning context. */
    public interface Inbound {
        void arrived(Message m);
    }

    private final Vertx vertx;
    private final Context ctx;
    private final BrokerConfig cfg;
    private final WorkerExecutor paho;
    private final Inbound inbound;
    private MqttAsyncClient client;
    private volatile long connection;
    private boolean connected;
    private boolean stopped;
    private int failures;
    private long retryTimer = -1;

    public BrokerLink(Vertx vertx, Context ctx, BrokerConfig cfg, Inbound inbound) {
        this.vertx = vertx;
        this.ctx = ctx;
        this.cfg = cfg;
        this.paho = vertx.createSharedWorkerExecutor("paho-" + cfg.clientId(), 1);
        this.inbound = inbound;
    }

    public boolean connected() {
        return connected;
    }

    /** Starts connecting; the future completes after the first successful connect and subscribe. */
    public Future<Void> start() {
        Promise<Void> first = Promise.promise();
        connect(first);
        return first.future();
    }

    private void connect(Promise<Void> first) {
        if (stopped) {
            return;
        }
        paho.executeBlocking(() -> {
            if (client != null) {
                // A fresh client per attempt: one whose connect timed out stays "connect in progress" for good.
                discard(client);
                client = null;
            }
            long attempt = ++connection;
            client = new MqttAsyncClient(cfg.url(), cfg.clientId(), new MemoryPersistence());
            client.setManualAcks(true);
            client.setCallback(new Callbacks(attempt));
            MqttConnectOptions o = new MqttConnectOptions();
            o.setAutomaticReconnect(false);
            o.setCleanSession(false);
            o.setKeepAliveInterval(30);
            o.setConnectionTimeout((int) (TIMEOUT_MS / 1000));
            o.setMaxInflight(1000); // command publishes
            o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            if (cfg.username() != null) {
                o.setUserName(cfg.username());
            }
            if (cfg.password() != null) {
                o.setPassword(cfg.password());
            }
            client.connect(o).waitForCompletion(TIMEOUT_MS);
            List<String> filters = cfg.subscriptions();
            int[] qos = new int[filters.size()];
            java.util.Arrays.fill(qos, 1);
            IMqttToken sub = client.subscribe(filters.toArray(String[]::new), qos);
            sub.waitForCompletion(TIMEOUT_MS);
            for (int g : sub.getGrantedQos()) {
                if (g == 0x80) {
                    throw new IllegalStateException("broker refused a subscription: check the broker ACL for "
                            + cfg.clientId());
                }
            }
            return null;
        }).onComplete(ar -> {
            if (ar.succeeded() && !stopped) {
                connected = true;
                failures = 0;
                log.info("MQTT connected to {} as {}, subscribed to group {}", cfg.url(), cfg.clientId(),
                        cfg.group());
                first.tryComplete();
            } else if (!stopped) {
                if (failures++ % 20 == 0) {
                    log.warn("MQTT connect to {} failed ({} in a row): {}; retrying with backoff", cfg.url(),
                            failures, ar.cause().toString());
                }
                disconnectQuietly().onComplete(v -> scheduleReconnect(first));
            }
        });
    }

    private static void discard(MqttAsyncClient c) {
        try {
            c.disconnectForcibly(0, 500, false);
        } catch (Exception ignored) {
            // Not connected.
        }
        try {
            c.close(true);
        } catch (Exception ignored) {
            // Closing a broken client.
        }
    }

    private Future<Void> disconnectQuietly() {
        return paho.executeBlocking(() -> {
            try {
                if (client != null && client.isConnected()) {
                    client.disconnectForcibly(0, 1000, false);
                }
            } catch (Exception ignored) {
                // Already gone.
            }
            return null;
        });
    }

    private void scheduleReconnect(Promise<Void> first) {
        long base = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS << Math.min(failures, 16));
        long delay = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        vertx.cancelTimer(retryTimer);
        retryTimer = vertx.setTimer(Math.max(1, delay), t -> connect(first));
    }

    /**
     * Acknowledges messages whose effects are committed. A message from an earlier connection is not acknowledged:
     * the broker redelivers it on the new one, and the store ignores the duplicate.
     */
    public void ack(List<Message> messages) {
        // On the Paho worker like every other Paho call: the event loop never waits on Paho's locks.
        paho.executeBlocking(() -> {
            long now = connection;
            MqttAsyncClient c = client;
            for (Message m : messages) {
                if (m.connection() != now || m.qos() == 0) {
                    continue;
                }
                try {
                    c.messageArrivedComplete(m.id(), m.qos());
                } catch (Exception e) {
                    log.debug("Ack of message {} not sent ({}); the broker will redeliver it", m.id(), e.toString());
                }
            }
            return null;
        });
    }

    /** Completes on the owning context when the broker acknowledged (QoS 1). */
    public Future<Void> publish(String topic, String payload, int qos, boolean retained) {
        Promise<Void> done = Promise.promise();
        if (!connected) {
            done.fail(new IllegalStateException("not connected to the broker"));
            return done.future();
        }
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        paho.executeBlocking(() -> client.publish(topic, bytes, qos, retained, null, new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                ctx.runOnContext(v -> done.tryComplete());
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                ctx.runOnContext(v -> done.tryFail(e));
            }
        })).onFailure(done::tryFail);
        return done.future();
    }

    public Future<Void> stop() {
        stopped = true;
        vertx.cancelTimer(retryTimer);
        boolean was = connected;
        connected = false;
        return paho.executeBlocking(() -> {
            if (client != null) {
                if (was) {
                    try {
                        client.disconnect(2000).waitForCompletion(3000);
                    } catch (Exception e) {
                        client.disconnectForcibly(0, 500, false);
                    }
                }
                client.close(true);
            }
            return null;
        }).eventually(paho::close).mapEmpty();
    }

    private final class Callbacks implements MqttCallbackExtended {
        /** The connection attempt this client belongs to: late callbacks of a discarded client are ignored. */
        private final long attempt;

        Callbacks(long attempt) {
            this.attempt = attempt;
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            // connect() reports success itself.
        }

        @Override
        public void connectionLost(Throwable cause) {
            try {
                ctx.runOnContext(v -> {
                    if (connected && attempt == connection) {
                        connected = false;
                        log.warn("MQTT connection to {} lost: {}; reconnecting", cfg.url(), String.valueOf(cause));
                        scheduleReconnect(Promise.promise());
                    }
                });
            } catch (Throwable t) {
                log.error("MQTT connectionLost hand-off failed", t);
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                Message m = new Message(topic, message.getPayload(), message.getId(), message.getQos(),
                        System.currentTimeMillis(), attempt);
                ctx.runOnContext(v -> inbound.arrived(m));
            } catch (Throwable t) {
                // A throw here would shut the Paho client down; unacknowledged, the message comes again.
                log.error("MQTT message hand-off failed for {}", topic, t);
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // Reported through each publish's listener.
        }
    }
}
