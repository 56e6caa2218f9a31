// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.ingest;

import io.vertx.core.Vertx;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.central.store.Database;

/**
 * Deletes raw events and rejects older than the retention (by arrival time, so a station clock years off cannot
 * make fresh events vanish), at start and every hour, in slices so no transaction grows large. The aggregates
 * are not touched: they are kept for ever.
 */
public final class Retention {
    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    private static final long EVERY_MS = Duration.ofHours(1).toMillis();
    private static final int SLICE = 10_000;

    private final Vertx vertx;
    private final Database db;
    private final Duration keep;
    private final Clock clock;
    private long timer = -1;

    public Retention(Vertx vertx, Database db, Duration keep, Clock clock) {
        this.vertx = vertx;
        this.db = db;
        this.keep = keep;
        this.clock = clock;
    }

    public void start() {
        prune();
        timer = vertx.setPeriodic(EVERY_MS, t -> prune());
    }

    public void stop() {
        vertx.cancelTimer(timer);
    }

    private void prune() {
        long before = clock.millis() - keep.toMillis();
        slice(before, 0);
    }

    private void slice(long before, long total) {
        db.tx(c -> {
            int n;
            // A sub-select bounds the slice on both SQLite and PostgreSQL (neither takes DELETE … LIMIT portably).
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM events WHERE (station, seq) IN (SELECT "
                    + "station, seq FROM events WHERE received_at < ? LIMIT " + SLICE + ")")) {
                ps.setLong(1, before);
                n = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM rejects WHERE received_at < ?")) {
                ps.setLong(1, before);
                ps.executeUpdate();
            }
            return n;
        }).onSuccess(n -> {
            if (n == SLICE) {
                slice(before, total + n);
            } else if (total + n > 0) {
                log.info("Retention deleted {} events received before {}", total + n, java.time.Instant.ofEpochMilli(
                        before));
            }
        }).onFailure(t -> log.warn("Retention failed: {}", t.toString()));
    }
}
