// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.telemetry;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
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
import org.unionkiosk.station.config.MqttConfig;

/**
 * One Paho {@code MqttAsyncClient} with automatic reconnect off and our own loop: exponential backoff with jitter,
 * capped. Every Paho call runs on one worker thread (ordered), every Paho callback is handed to the owning context
 * at once and never throws. {@code MemoryPersistence}: the SQLite outbox is the durable queue.
 */
final class PahoLink {
    private static final Logger log = LoggerFactory.getLogger(PahoLink.class);
    private static final long CONNECT_TIMEOUT_MS = 10_000;

    /** Called on the owning context. */
    interface Listener {
        void connected(long session);

        void disconnected();

        void message(String topic, byte[] payload, boolean retained);
    }

    /** What the link publishes as its will for a given session. */
    interface Will {
        String topic();

        byte[] payload(long session);
    }

    private final Vertx vertx;
    private final Context ctx;
    private final MqttConfig cfg;
    private final WorkerExecutor paho;
    private final Supplier<Future<Long>> nextSession;
    private final Will will;
    private final Listener listener;
    private MqttAsyncClient client;
    private boolean connected;
    private boolean stopped;
    private int failures;
    private long retryTimer = -1;

    PahoLink(Vertx vertx, Context ctx, MqttConfig cfg, Supplier<Future<Long>> nextSession, Will will,
             Listener listener) {
        this.vertx = vertx;
        this.ctx = ctx;
        this.cfg = cfg;
        this.paho = vertx.createSharedWorkerExecutor("paho-" + cfg.clientId(), 1);
        this.nextSession = nextSession;
        this.will = will;
        this.listener = listener;
    }

    boolean connected() {
        return connected;
    }

    void start() {
        connect();
    }

    private void connect() {
        if (stopped) {
            return;
        }
        nextSession.get().compose(session -> paho.executeBlocking(() -> {
            if (client == null) {
                client = new MqttAsyncClient(cfg.url(), cfg.clientId(), new MemoryPersistence());
                client.setCallback(new Callbacks());
            }
            MqttConnectOptions o = new MqttConnectOptions();
            o.setAutomaticReconnect(false);
            o.setCleanSession(true);
            o.setKeepAliveInterval(30);
            o.setConnectionTimeout((int) (CONNECT_TIMEOUT_MS / 1000));
            o.setMaxInflight(cfg.inFlight() + 20); // outbox window plus status, state and responses
            o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            o.setWill(will.topic(), will.payload(session), 1, true);
            if (cfg.username() != null) {
                o.setUserName(cfg.username());
            }
            if (cfg.password() != null) {
                o.setPassword(cfg.password());
            }
            if (cfg.tls()) {
                o.setSocketFactory(new NoDelaySslSockets(TlsSockets.factory(cfg.caFile(), cfg.certFile(),
                        cfg.keyFile())));
                o.setHttpsHostnameVerificationEnabled(true);
            } else {
                o.setSocketFactory(new NoDelaySockets(javax.net.SocketFactory.getDefault()));
            }
            client.connect(o).waitForCompletion(CONNECT_TIMEOUT_MS);
            return session;
        })).onComplete(ar -> {
            if (ar.succeeded() && !stopped) {
                connected = true;
                failures = 0;
                log.info("MQTT connected to {} as {} (session {})", cfg.url(), cfg.clientId(), ar.result());
                listener.connected(ar.result());
            } else if (!stopped) {
                String why = ar.cause() == null ? "stopped" : ar.cause().toString();
                if (failures++ == 0) {
                    log.warn("MQTT connect to {} failed: {}; retrying with backoff", cfg.url(), why);
                } else {
                    log.debug("MQTT connect attempt {} failed: {}", failures, why);
                }
                scheduleReconnect();
            }
        });
    }

    private void scheduleReconnect() {
        long base = Math.min(cfg.reconnectMax().toMillis(),
                cfg.reconnectMin().toMillis() << Math.min(failures, 16));
        long delay = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1); // jitter: no thundering herd
        vertx.cancelTimer(retryTimer);
        retryTimer = vertx.setTimer(Math.max(1, delay), t -> connect());
    }

    /** Completes on the owning context when the broker acknowledged (QoS 1) or the message was sent (QoS 0). */
    Future<Void> publish(String topic, String payload, int qos, boolean retained) {
        Promise<Void> done = Promise.promise();
        if (!connected) {
            done.fail("not connected");
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

    /** One QoS 1 event publish of a batch. */
    record Outgoing(String topic, String payload) {
    }

    /**
     * Publishes a batch (QoS 1, not retained) in one hop to the Paho thread; the futures complete on the owning
     * context in the same order as the broker acknowledges.
     */
    List<Future<Void>> publishAll(List<Outgoing> batch) {
        List<Promise<Void>> promises = new ArrayList<>(batch.size());
        batch.forEach(m -> promises.add(Promise.promise()));
        if (!connected) {
            promises.forEach(p -> p.fail("not connected"));
        } else {
            paho.executeBlocking(() -> {
                for (int i = 0; i < batch.size(); i++) {
                    Promise<Void> done = promises.get(i);
                    client.publish(batch.get(i).topic(), batch.get(i).payload().getBytes(StandardCharsets.UTF_8), 1,
                            false, null, new IMqttActionListener() {
                                @Override
                                public void onSuccess(IMqttToken token) {
                                    ctx.runOnContext(v -> done.tryComplete());
                                }

                                @Override
                                public void onFailure(IMqttToken token, Throwable e) {
                                    ctx.runOnContext(v -> done.tryFail(e));
                                }
                            });
                }
                return null;
            }).onFailure(t -> promises.forEach(p -> p.tryFail(t)));
        }
        List<Future<Void>> out = new ArrayList<>(promises.size());
        promises.forEach(p -> out.add(p.future()));
        return out;
    }

    Future<Integer> subscribe(String filter) {
        return paho.executeBlocking(() -> {
            IMqttToken t = client.subscribe(filter, 1);
            t.waitForCompletion(CONNECT_TIMEOUT_MS);
            return t.getGrantedQos()[0];
        });
    }

    /** Drops the connection (the will is published) and reconnects: used when a publish fails while connected. */
    void reconnect() {
        if (!connected) {
            return;
        }
        connected = false;
        listener.disconnected();
        paho.executeBlocking(() -> {
            client.disconnectForcibly(0, 1000, false);
            return null;
        }).onComplete(ar -> scheduleReconnect());
    }

    Future<Void> stop() {
        stopped = true;
        vertx.cancelTimer(retryTimer);
        boolean was = connected;
        connected = false;
        return paho.executeBlocking(() -> {
            if (client != null) {
                if (was) {
                    try {
                        // A clean disconnect suppresses the will, so publish offline state ourselves first.
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
        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            // Our own connect() reports success; nothing to do here.
        }

        @Override
        public void connectionLost(Throwable cause) {
            try {
                ctx.runOnContext(v -> {
                    if (connected) {
                        connected = false;
                        log.warn("MQTT connection to {} lost: {}; reconnecting", cfg.url(), String.valueOf(cause));
                        listener.disconnected();
                        scheduleReconnect();
                    }
                });
            } catch (Throwable t) {
                log.error("MQTT connectionLost hand-off failed", t);
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                byte[] payload = message.getPayload().clone();
                boolean retained = message.isRetained();
                ctx.runOnContext(v -> listener.message(topic, payload, retained));
            } catch (Throwable t) {
                // A throw here would shut the Paho client down.
                log.error("MQTT message hand-off failed for {}", topic, t);
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // Completion is reported through each publish's listener.
        }
    }
}
