// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.console;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.unionkiosk.central.alarms.Alarms;
import org.unionkiosk.central.fleet.Fleet;
import org.unionkiosk.central.fleet.StationView;
import org.unionkiosk.central.ingest.TopicHandler;

/**
 * Server-sent events for the console. Station changes are collected and sent in one batch every
 * {@link #BATCH_MS} ms (a fleet of 1 000 sending status every few seconds gives each browser a few messages a second,
 * not hundreds); alarm changes ride in the same batch. A sweep every {@link #SWEEP_MS} ms sends stations whose
 * presence changed without a message (gone stale). Runs on the event loop of the context that created it.
 */
final class LiveFeed {
    static final long BATCH_MS = 500;
    static final long SWEEP_MS = 15_000;

    private final Vertx vertx;
    private final Fleet fleet;
    private final Alarms alarms;
    private final List<HttpServerResponse> clients = new ArrayList<>();
    private final Set<String> dirty = new LinkedHashSet<>();
    private final JsonArray alarmNotices = new JsonArray();
    private final Map<String, String> lastPresence = new HashMap<>();
    private boolean flushing;
    private Context ctx;

    LiveFeed(Vertx vertx, Fleet fleet, Alarms alarms) {
        this.vertx = vertx;
        this.fleet = fleet;
        this.alarms = alarms;
    }

    void start() {
        ctx = vertx.getOrCreateContext();
        vertx.eventBus().<JsonObject>consumer(Alarms.ADDRESS, m -> {
            alarmNotices.add(m.body());
            dirty.add(m.body().getString("station"));
        });
        vertx.setPeriodic(BATCH_MS, t -> flush());
        vertx.setPeriodic(SWEEP_MS, t -> sweep());
    }

    /** Wraps an ingest handler so the station it concerns is sent once the message is stored. */
    TopicHandler watch(TopicHandler h) {
        return (t, payload, at) -> h.handle(t, payload, at).onSuccess(v -> ctx.runOnContext(x -> dirty.add(t.ref())));
    }

    void subscribe(RoutingContext rc) {
        HttpServerResponse r = rc.response().setChunked(true).putHeader("content-type", "text/event-stream")
                .putHeader("cache-control", "no-store").putHeader("x-accel-buffering", "no");
        r.write("retry: 3000\n\n");
        // The request may arrive on another event loop than the feed's: the list is only touched on ctx.
        ctx.runOnContext(v -> clients.add(r));
        r.closeHandler(v -> ctx.runOnContext(x -> clients.remove(r)));
        r.exceptionHandler(e -> ctx.runOnContext(x -> clients.remove(r)));
    }

    private void flush() {
        if (flushing || (dirty.isEmpty() && alarmNotices.isEmpty())) {
            return;
        }
        if (clients.isEmpty()) {
            dirty.clear();
            alarmNotices.clear();
            return;
        }
        Set<String> refs = new LinkedHashSet<>(dirty);
        dirty.clear();
        JsonArray notices = alarmNotices.copy();
        alarmNotices.clear();
        flushing = true;
        rows(refs).onComplete(ar -> {
            flushing = false;
            if (ar.succeeded() && !ar.result().isEmpty()) {
                send("stations", ar.result().encode());
            }
            if (!notices.isEmpty()) {
                send("alarms", notices.encode());
            }
        });
    }

    private Future<JsonArray> rows(Set<String> refs) {
        if (refs.isEmpty()) {
            return Future.succeededFuture(new JsonArray());
        }
        // Many changed: one query for the fleet beats hundreds of single reads.
        Future<List<StationView>> views = refs.size() > 50 ? fleet.list(null)
                : Future.all(refs.stream().map(fleet::get).toList()).map(cf -> {
                    List<StationView> l = new ArrayList<>();
                    for (int i = 0; i < cf.size(); i++) {
                        if (cf.resultAt(i) != null) {
                            l.add(cf.resultAt(i));
                        }
                    }
                    return l;
                });
        return Future.all(views, alarms.openCounts()).map(cf -> {
            List<StationView> list = cf.resultAt(0);
            Map<String, Integer> counts = cf.resultAt(1);
            JsonArray a = new JsonArray();
            for (StationView s : list) {
                if (refs.contains(s.station())) {
                    lastPresence.put(s.station(), s.presence().toString());
                    a.add(FleetRow.of(s, counts.getOrDefault(s.station(), 0)));
                }
            }
            return a;
        });
    }

    private void sweep() {
        if (clients.isEmpty()) {
            return;
        }
        fleet.list(null).onSuccess(list -> {
            for (StationView s : list) {
                // A station not yet sent was drawn from the page's own load; only a change is news.
                String was = lastPresence.put(s.station(), s.presence().toString());
                if (was != null && !was.equals(s.presence().toString())) {
                    dirty.add(s.station());
                }
            }
        });
    }

    private void send(String event, String data) {
        String frame = "event: " + event + "\ndata: " + data + "\n\n";
        for (HttpServerResponse r : List.copyOf(clients)) {
            // A browser that cannot keep up is dropped; it reconnects and reloads the fleet.
            if (r.writeQueueFull()) {
                r.reset();
                clients.remove(r);
            } else {
                r.write(frame);
            }
        }
    }
}
