// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one rule for pruning the station's events table, which otherwise grows for ever (a command flood once wrote
 * hundreds of rows a minute): an event still in the outbox (not yet acknowledged by the broker) is never deleted;
 * any other event is deleted once it is older than {@link #MAX_AGE}, or once more than {@link #MAX_ROWS} newer
 * events exist. For a station that reports, "not in the outbox" means central has it; a station without MQTT
 * keeps its local history for the same period. Runs at start and every {@link #INTERVAL}.
 */
public final class EventRetention {
    private static final Logger log = LoggerFactory.getLogger(EventRetention.class);
    public static final Duration MAX_AGE = Duration.ofDays(90);
    public static final long MAX_ROWS = 200_000;
    static final Duration INTERVAL = Duration.ofHours(1);

    private final Vertx vertx;
    private final SqliteStationStore store;
    private final Clock clock;
    private long timer = -1;

    public EventRetention(Vertx vertx, SqliteStationStore store, Clock clock) {
        this.vertx = vertx;
        this.store = store;
        this.clock = clock;
    }

    public void start() {
        prune();
        timer = vertx.setPeriodic(INTERVAL.toMillis(), t -> prune());
    }

    public void stop() {
        vertx.cancelTimer(timer);
    }

    /** One pass of the rule; completes with the number of events deleted. */
    public Future<Integer> prune() {
        return store.pruneEvents(clock.instant().minus(MAX_AGE), MAX_ROWS).onSuccess(n -> {
            if (n > 0) {
                log.info("Pruned {} events older than {} days or beyond the newest {} (all already sent)", n,
                        MAX_AGE.toDays(), MAX_ROWS);
            }
        }).onFailure(t -> log.warn("Event pruning failed: {}", t.toString()));
    }
}
