// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.telemetry;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.protocol.StationEvent;
import org.unionkiosk.protocol.Topics;
import org.unionkiosk.station.store.SqliteStationStore;
import org.unionkiosk.station.store.StoredEvent;

/**
 * Drains the SQLite outbox to the broker in seq order, at most {@code window} messages unacknowledged. A row is
 * deleted only after the broker's PUBACK (deletes are batched); after a reconnect everything still in the outbox
 * is sent again, so central sees duplicates — never gaps — and deduplicates by (station, seq). Confined to the
 * owning context.
 */
final class Outbox {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final int ACK_BATCH = 200;
    private static final long ACK_FLUSH_MS = 50;

    private final Vertx vertx;
    private final SqliteStationStore store;
    private final PahoLink link;
    private final Topics topics;
    private final String station;
    private final int window;
    private static final int PAGE = 500;

    private final Set<Long> inFlight = new HashSet<>();
    /** Read ahead from the outbox, not yet published: one query per page, not one per message. */
    private final java.util.ArrayDeque<StoredEvent> buffer = new java.util.ArrayDeque<>();
    private final List<Long> acked = new ArrayList<>();
    private boolean online;
    private boolean fetching;
    private boolean more;
    private long highestQueued;
    private long flushTimer = -1;
    private long sent;
    private static final long RESEND_PAUSE_MS = 200;
    private long resendFrom = Long.MAX_VALUE;
    private long resendTimer = -1;

    Outbox(Vertx vertx, SqliteStationStore store, PahoLink link, Topics topics, String station, int window) {
        this.vertx = vertx;
        this.store = store;
        this.link = link;
        this.topics = topics;
        this.station = station;
        this.window = window;
    }

    void online() {
        online = true;
        inFlight.clear();
        buffer.clear();
        highestQueued = 0;
        pump();
    }

    void offline() {
        online = false;
        inFlight.clear();
        buffer.clear();
        flush();
    }

    /** A new event was appended, or capacity freed up: send what fits in the window. */
    void pump() {
        if (!online) {
            return;
        }
        // Refill only once half the window is free, so each hop to the Paho thread carries several messages.
        if (inFlight.size() < window) {
            List<StoredEvent> batch = new ArrayList<>();
            while (inFlight.size() + batch.size() < window && !buffer.isEmpty()) {
                batch.add(buffer.poll());
            }
            send(batch);
        }
        if (!buffer.isEmpty() || inFlight.size() >= window) {
            return;
        }
        if (fetching) {
            more = true;
            return;
        }
        fetching = true;
        more = false;
        store.unsentAfter(highestQueued, PAGE).onComplete(ar -> {
            fetching = false;
            if (ar.failed()) {
                log.error("Outbox read failed; retrying on the next event", ar.cause());
                return;
            }
            if (!online) {
                return;
            }
            buffer.addAll(ar.result());
            if (!ar.result().isEmpty()) {
                highestQueued = Math.max(highestQueued, ar.result().get(ar.result().size() - 1).seq());
            }
            if (more || !buffer.isEmpty()) {
                pump();
            }
        });
    }

    private void send(List<StoredEvent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<PahoLink.Outgoing> out = new ArrayList<>(batch.size());
        batch = batch.stream().filter(e -> !inFlight.contains(e.seq())).toList();
        if (batch.isEmpty()) {
            return;
        }
        for (StoredEvent e : batch) {
            inFlight.add(e.seq());
            out.add(new PahoLink.Outgoing(topics.event(e.type()),
                    StationEvent.envelope(station, e.seq(), e.ts(), e.type(), e.body())));
        }
        List<io.vertx.core.Future<Void>> acks = link.publishAll(out);
        for (int i = 0; i < batch.size(); i++) {
            long seq = batch.get(i).seq();
            acks.get(i).onSuccess(v -> acked(seq)).onFailure(t -> {
                if (online && link.connected() && t instanceof MqttException m
                        && m.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT) {
                    // Paho's window is full of other publishes (responses, status): not a broken link, retry soon.
                    inFlight.remove(seq);
                    resendLater(seq);
                } else if (online && link.connected()) {
                    // Refused while connected (e.g. client queue full): resync from the outbox.
                    log.warn("Publish of event {} failed while connected: {}; reconnecting", seq, t.toString());
                    link.reconnect();
                }
            });
        }
    }

    /** Sends {@code seq} and what follows it again after a short pause, skipping what is still in flight. */
    private void resendLater(long seq) {
        resendFrom = Math.min(resendFrom, seq);
        if (resendTimer >= 0) {
            return;
        }
        resendTimer = vertx.setTimer(RESEND_PAUSE_MS, t -> {
            resendTimer = -1;
            if (online) {
                buffer.clear();
                highestQueued = Math.min(highestQueued, resendFrom - 1);
                resendFrom = Long.MAX_VALUE;
                pump();
            }
        });
    }

    private void acked(long seq) {
        inFlight.remove(seq);
        acked.add(seq);
        sent++;
        if (acked.size() >= ACK_BATCH) {
            flush();
        } else if (flushTimer < 0) {
            flushTimer = vertx.setTimer(ACK_FLUSH_MS, t -> {
                flushTimer = -1;
                flush();
            });
        }
        pump();
    }

    private void flush() {
        if (acked.isEmpty()) {
            return;
        }
        List<Long> batch = List.copyOf(acked);
        acked.clear();
        store.markSent(batch).onFailure(t -> log.error("Outbox delete of {} acknowledged events failed; they will "
                + "be sent again", batch.size(), t));
    }

    long sentCount() {
        return sent;
    }

    int inFlight() {
        return inFlight.size();
    }
}
