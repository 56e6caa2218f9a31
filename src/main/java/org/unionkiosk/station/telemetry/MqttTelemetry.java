// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.telemetry;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.protocol.CommandCodec;
import org.unionkiosk.protocol.StationEvent;
import org.unionkiosk.protocol.Topics;
import org.unionkiosk.protocol.TrustedKeys;
import org.unionkiosk.station.config.StationConfig;
import org.unionkiosk.station.store.SqliteStationStore;

/**
 * The station's MQTT side (DESIGN §4): birth and will with a persisted, increasing session; retained status on
 * change and every N s; the event outbox; signed commands with a response for each. Runs on the station context.
 */
public final class MqttTelemetry {
    private static final Logger log = LoggerFactory.getLogger(MqttTelemetry.class);
    static final String SESSION = "mqtt.session";
    private static final long STATUS_MIN_GAP_MS = 1000;
    /** Event types that may be dropped, oldest first, when the outbox is over its bound. */
    static final List<String> DROPPABLE = List.of("health.");

    private final Vertx vertx;
    private final StationConfig cfg;
    private final SqliteStationStore store;
    private final StationControl control;
    private final Clock clock;
    private final Topics topics;
    private final Instant boot;
    private final PahoLink link;
    private final Outbox outbox;
    private final CommandHandler commands;
    private long session;
    private long outboxDepth;
    private long lastStatusAt;
    private long statusTimer = -1;
    private long periodic = -1;

    public MqttTelemetry(Vertx vertx, Context ctx, StationConfig cfg, SqliteStationStore store, StationControl control,
                         TrustedKeys commandKeys, Clock clock, Consumer<StationEvent> events) {
        this.vertx = vertx;
        this.cfg = cfg;
        this.store = store;
        this.control = control;
        this.clock = clock;
        this.topics = new Topics(cfg.site(), cfg.stationId());
        this.boot = clock.instant();
        this.link = new PahoLink(vertx, ctx, cfg.mqtt(), this::nextSession, new PahoLink.Will() {
            @Override
            public String topic() {
                return topics.state();
            }

            @Override
            public byte[] payload(long s) {
                return offline(s).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
        }, new PahoLink.Listener() {
            @Override
            public void connected(long s) {
                onConnected(s);
            }

            @Override
            public void disconnected() {
                outbox.offline();
            }

            @Override
            public void message(String topic, byte[] payload, boolean retained) {
                commands.onMessage(topic, payload, retained);
            }
        });
        this.outbox = new Outbox(vertx, store, link, topics, cfg.stationRef(), cfg.mqtt().inFlight());
        this.commands = new CommandHandler(topics, cfg.stationRef(), commandKeys, clock, store, control, events,
                new CommandHandler.Responder() {
                    @Override
                    public void respond(String id, boolean ok, String reason) {
                        link.publish(topics.response(id), CommandCodec.response(id, ok, reason, clock.instant()), 1,
                                false).onFailure(t -> log.warn("Response to command {} not sent: {}", id, t.toString()));
                    }

                    @Override
                    public void reportConfig(Map<String, String> config) {
                        publishConfig(config);
                    }
                }, this::rebirth);
    }

    public void start() {
        link.start();
        periodic = vertx.setPeriodic(cfg.mqtt().statusInterval().toMillis(), t -> {
            publishStatus();
            commands.reportSuppressed();
            store.trimOutbox(cfg.mqtt().outboxMaxDepth(), DROPPABLE).onSuccess(n -> {
                if (n > 0) {
                    log.warn("Outbox over {} events: dropped the {} oldest health events",
                            cfg.mqtt().outboxMaxDepth(), n);
                }
            });
        });
    }

    public Future<Void> stop() {
        vertx.cancelTimer(periodic);
        vertx.cancelTimer(statusTimer);
        Future<Void> goodbye = link.connected()
                ? link.publish(topics.state(), offline(session), 1, true).recover(t -> Future.succeededFuture())
                : Future.succeededFuture();
        return goodbye.compose(v -> link.stop());
    }

    /** The store has a new event: send it if the window allows. */
    public void eventAppended() {
        outbox.pump();
    }

    /** Station state changed: publish the retained status, at most once a second. */
    public void statusChanged() {
        if (statusTimer >= 0) {
            return;
        }
        long wait = Math.max(0, lastStatusAt + STATUS_MIN_GAP_MS - System.currentTimeMillis());
        statusTimer = vertx.setTimer(Math.max(1, wait), t -> {
            statusTimer = -1;
            publishStatus();
        });
    }

    public JsonObject health() {
        return new JsonObject().put("connected", link.connected()).put("session", session)
                .put("outboxDepth", outboxDepth).put("inFlight", outbox.inFlight()).put("sent", outbox.sentCount());
    }

    private Future<Long> nextSession() {
        return store.counter(SESSION, 0).compose(n -> store.setCounter(SESSION, n + 1).map(v -> n + 1));
    }

    private void onConnected(long s) {
        session = s;
        link.publish(topics.state(), online(s), 1, true)
                .onFailure(t -> log.warn("Birth message not sent: {}", t.toString()));
        link.subscribe(topics.commandFilter()).onSuccess(qos -> {
            if (qos == 0x80) {
                log.error("Broker refused the subscription to {}: check the broker ACL", topics.commandFilter());
            }
        }).onFailure(t -> log.warn("Command subscription failed: {}", t.toString()));
        publishConfig(control.reportedConfig());
        publishStatus();
        outbox.online();
    }

    private void rebirth() {
        if (link.connected()) {
            link.publish(topics.state(), online(session), 1, true);
            publishConfig(control.reportedConfig());
            publishStatus();
        }
    }

    private void publishConfig(Map<String, String> config) {
        JsonObject reported = new JsonObject().put("v", 1).put("at", clock.instant().toString());
        config.forEach(reported::put);
        link.publish(topics.configReported(), reported.encode(), 1, true);
    }

    private void publishStatus() {
        lastStatusAt = System.currentTimeMillis();
        Future.all(store.outboxDepth(), vertx.executeBlocking(MqttTelemetry::systemHealth)).onSuccess(f -> {
            outboxDepth = f.resultAt(0);
            JsonObject status = control.status().put("at", clock.instant().toString());
            JsonObject health = ((JsonObject) f.resultAt(1)).put("outboxDepth", outboxDepth)
                    .put("uptimeSeconds", java.time.Duration.between(boot, clock.instant()).toSeconds())
                    .put("heapUsedMb", (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20)
                    .put("heapMaxMb", Runtime.getRuntime().maxMemory() >> 20)
                    .put("clockSynced", status.getBoolean("clockSynced"));
            status.put("health", health);
            if (link.connected()) {
                link.publish(topics.status(), status.encode(), 1, true);
            }
        });
    }

    /** CPU temperature and free disk, read from the OS (blocking: called on a worker). */
    private static JsonObject systemHealth() {
        JsonObject h = new JsonObject();
        Path temp = Path.of("/sys/class/thermal/thermal_zone0/temp");
        try {
            if (Files.isReadable(temp)) {
                h.put("cpuTempC", Integer.parseInt(Files.readString(temp).strip()) / 1000.0);
            }
        } catch (Exception ignored) {
            // Not every machine has a thermal zone.
        }
        File root = new File("/var/lib");
        h.put("diskFreeMb", (root.exists() ? root : new File("/")).getUsableSpace() >> 20);
        return h;
    }

    private String online(long s) {
        return new JsonObject().put("v", 1).put("online", true).put("session", s).put("boot", boot.toString())
                .put("version", version()).encode();
    }

    private static String offline(long s) {
        return new JsonObject().put("v", 1).put("online", false).put("session", s).encode();
    }

    private static String version() {
        String v = MqttTelemetry.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
