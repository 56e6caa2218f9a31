// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.central.config.IngestConfig;
import org.unionkiosk.central.store.Database;

/**
 * Owns what arrived from the broker until it is committed, on one context. Events and rejects are written in
 * batches ({@code batchSize} or {@code batchDelayMs}, whichever comes first), other station messages go to their
 * {@link TopicHandler}; each message is acknowledged only after its commit. A failed commit is retried with the
 * same messages, never dropped: unacknowledged, they hold the broker's in-flight window, which is the
 * back-pressure.
 */
public final class Ingest implements BrokerLink.Inbound {
    private static final Logger log = LoggerFactory.getLogger(Ingest.class);
    private static final long RETRY_MS = 1000;

    private record Pending(BrokerLink.Message message, IngestedEvent event, Reject reject) {
    }

    private final Vertx vertx;
    private final Database db;
    private final IngestConfig cfg;
    private final EventParser parser;
    private final EventWriter writer;
    private Map<StationTopic.Kind, TopicHandler> handlers;
    private final Deque<Pending> queue = new ArrayDeque<>();
    private final int maxFlushes;
    private final Counter stored;
    private final Counter duplicates;
    private final Timer commit;
    private final MeterRegistry metrics;
    private BrokerLink link;
    private int flushing;
    private long timer = -1;
    private boolean retrying;

    public Ingest(Vertx vertx, Database db, IngestConfig cfg, List<EventSink> sinks,
                  Map<StationTopic.Kind, TopicHandler> handlers, MeterRegistry metrics) {
        this.vertx = vertx;
        this.db = db;
        this.cfg = cfg;
        this.parser = new EventParser(cfg.maxPayloadBytes());
        this.writer = new EventWriter(sinks);
        this.handlers = Map.copyOf(handlers);
        this.maxFlushes = db.vendor() == Database.Vendor.SQLITE ? 2 : 4;
        this.metrics = metrics;
        this.stored = metrics.counter("central.ingest.events", "outcome", "stored");
        this.duplicates = metrics.counter("central.ingest.events", "outcome", "duplicate");
        this.commit = metrics.timer("central.ingest.commit");
        metrics.gauge("central.ingest.pending", queue, Deque::size);
    }

    /** Replaces the handlers of non-event messages; call before the link starts. */
    public void route(Map<StationTopic.Kind, TopicHandler> handlers) {
        this.handlers = Map.copyOf(handlers);
    }

    /** The link to acknowledge through; set once before the link starts. */
    public void attach(BrokerLink link) {
        this.link = link;
    }

    @Override
    public void arrived(BrokerLink.Message m) {
        StationTopic t = StationTopic.parse(m.topic());
        if (t == null) {
            enqueue(new Pending(m, null, Reject.of(m.topic(), "unknown_topic", "not a station topic", m.payload(),
                    m.receivedAt())));
            return;
        }
        if (t.kind() == StationTopic.Kind.EVENT) {
            EventParser.Parsed p = parser.parse(m.topic(), t, m.payload(), m.receivedAt());
            if (p instanceof EventParser.Accepted a) {
                enqueue(new Pending(m, a.event(), null));
            } else {
                enqueue(new Pending(m, null, ((EventParser.Refused) p).reject()));
            }
            return;
        }
        if (m.payload().length > cfg.maxPayloadBytes()) {
            enqueue(new Pending(m, null, Reject.of(m.topic(), "oversized", m.payload().length + " bytes",
                    m.payload(), m.receivedAt())));
            return;
        }
        TopicHandler h = handlers.get(t.kind());
        if (h == null) {
            link.ack(List.of(m));
            return;
        }
        handle(h, t, m);
    }

    private void handle(TopicHandler h, StationTopic t, BrokerLink.Message m) {
        Future<Void> f;
        try {
            f = h.handle(t, m.payload(), m.receivedAt());
        } catch (RuntimeException e) {
            f = Future.failedFuture(e);
        }
        f.onSuccess(v -> link.ack(List.of(m))).onFailure(e -> {
            if (e instanceof TopicHandler.RejectedPayload r) {
                enqueue(new Pending(m, null, Reject.of(m.topic(), r.reason(), r.getMessage(), m.payload(),
                        m.receivedAt())));
            } else {
                log.warn("Handling {} failed: {}; retrying", m.topic(), e.toString());
                vertx.setTimer(RETRY_MS, x -> handle(h, t, m));
            }
        });
    }

    private void enqueue(Pending p) {
        queue.add(p);
        if (p.reject() != null) {
            metrics.counter("central.ingest.rejects", "reason", p.reject().reason()).increment();
            log.debug("Rejected {}: {} ({})", p.reject().topic(), p.reject().reason(), p.reject().detail());
        }
        if (queue.size() >= cfg.batchSize()) {
            flush();
        } else if (timer < 0 && !retrying) {
            timer = vertx.setTimer(cfg.batchDelayMs(), t -> {
                timer = -1;
                flush();
            });
        }
    }

    private void flush() {
        while (!queue.isEmpty() && flushing < maxFlushes && !retrying) {
            List<Pending> batch = new ArrayList<>(Math.min(queue.size(), cfg.batchSize()));
            while (!queue.isEmpty() && batch.size() < cfg.batchSize()) {
                batch.add(queue.poll());
            }
            write(batch);
        }
    }

    private void write(List<Pending> batch) {
        flushing++;
        List<IngestedEvent> events = new ArrayList<>();
        List<Reject> rejects = new ArrayList<>();
        List<BrokerLink.Message> messages = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            messages.add(p.message());
            if (p.event() != null) {
                events.add(p.event());
            } else {
                rejects.add(p.reject());
            }
        }
        long start = System.nanoTime();
        db.tx(c -> writer.write(c, events, rejects)).onComplete(ar -> {
            flushing--;
            if (ar.succeeded()) {
                commit.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                stored.increment(ar.result().stored());
                duplicates.increment(ar.result().duplicates());
                link.ack(messages);
                flush();
            } else {
                // Keep them, in order, ahead of anything newer; nothing is acknowledged, nothing lost.
                log.warn("Commit of {} messages failed: {}; retrying in {} ms", batch.size(), ar.cause().toString(),
                        RETRY_MS);
                for (int i = batch.size() - 1; i >= 0; i--) {
                    queue.addFirst(batch.get(i));
                }
                retrying = true;
                vertx.setTimer(RETRY_MS, t -> {
                    retrying = false;
                    flush();
                });
            }
        });
    }

    /** Messages received and not yet committed. */
    public int pending() {
        return queue.size() + flushing;
    }
}
