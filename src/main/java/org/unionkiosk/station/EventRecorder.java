// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.protocol.StationEvent;
import org.unionkiosk.station.store.SqliteStationStore;

/**
 * Records the station's events in order, on the station context. A failed write (disk full, database locked) keeps
 * the event in memory and retries until it is stored; later events queue behind it. Also applies the retention
 * rule. {@code appended} hears each stored event (the MQTT outbox wakes on it).
 */
final class EventRecorder {
    private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);
    private static final int MAX_UNSTORED = 10_000;
    private static final Duration STORE_RETRY = Duration.ofSeconds(2);

    private final Vertx vertx;
    private final SqliteStationStore store;
    private final Clock clock;
    private final int retentionDays;
    private final ArrayDeque<StationEvent> unstored = new ArrayDeque<>();
    private Runnable appended = () -> { };
    private long retryTimer = -1;
    private String problem;

    EventRecorder(Vertx vertx, SqliteStationStore store, Clock clock, int retentionDays) {
        this.vertx = vertx;
        this.store = store;
        this.clock = clock;
        this.retentionDays = retentionDays;
    }

    void onAppended(Runnable listener) {
        this.appended = listener;
    }

    void record(StationEvent e) {
        if (unstored.isEmpty()) {
            append(e);
        } else {
            keepForRetry(e); // behind the events still waiting, so they reach the store in order
        }
    }

    private Future<Long> append(StationEvent e) {
        return store.append(e).onSuccess(seq -> {
            problem = null;
            appended.run();
        }).onFailure(t -> {
            failed(t);
            keepForRetry(e);
        });
    }

    private void keepForRetry(StationEvent e) {
        if (unstored.size() >= MAX_UNSTORED) {
            StationEvent lost = unstored.poll();
            log.error("More than {} events wait for the database: dropped the oldest, {}", MAX_UNSTORED,
                    lost.type());
        }
        unstored.add(e);
        if (retryTimer < 0) {
            retryTimer = vertx.setTimer(STORE_RETRY.toMillis(), t -> {
                retryTimer = -1;
                retryUnstored();
            });
        }
    }

    private void retryUnstored() {
        StationEvent next = unstored.poll();
        if (next != null) {
            // On failure append() queues it again (at the back: order across a long outage is best effort).
            append(next).onSuccess(seq -> retryUnstored());
        }
    }

    /** Keeps the event table to the retention period; unsent events are kept whatever their age. */
    void prune() {
        Instant before = clock.instant().minus(Duration.ofDays(retentionDays));
        store.pruneEvents(before).onSuccess(n -> {
            if (n > 0) {
                log.info("Deleted {} events recorded before {} (retention {} days)", n, before, retentionDays);
            }
        }).onFailure(this::failed);
    }

    /** Any failed station database write: shown in /health until the next successful append. */
    void failed(Throwable t) {
        problem = "store: " + t.getMessage();
        log.error("Station database write failed; events are kept in memory and retried", t);
    }

    /** The store problem for /health, or null. */
    String problem() {
        return problem == null ? null
                : problem + (unstored.isEmpty() ? "" : " (" + unstored.size() + " events waiting)");
    }
}
