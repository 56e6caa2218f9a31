// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.function.Consumer;
import org.unionkiosk.protocol.StationEvent;
import org.unionkiosk.station.occupancy.OccupancyCounter;
import org.unionkiosk.station.store.SqliteStationStore;

/**
 * The daily occupancy reset (people who forgot to leave): at the configured time by {@code clock}, and at start for a
 * station that was off across that time. Runs on the station context; the day of the last reset is a store counter.
 */
final class DailyOccupancyReset {
    static final String RESET_DAY = "occupancy.resetDay";
    private static final Duration RECHECK = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final Clock clock;
    private final LocalTime resetAt;
    private final SqliteStationStore store;
    private final OccupancyCounter occupancy;
    private final Consumer<StationEvent> record;
    private final Consumer<Throwable> storeFailed;

    DailyOccupancyReset(Vertx vertx, Clock clock, LocalTime resetAt, SqliteStationStore store,
            OccupancyCounter occupancy, Consumer<StationEvent> record, Consumer<Throwable> storeFailed) {
        this.vertx = vertx;
        this.clock = clock;
        this.resetAt = resetAt;
        this.store = store;
        this.occupancy = occupancy;
        this.record = record;
        this.storeFailed = storeFailed;
    }

    /** A station that was off (power cut) across the reset time resets at start instead. */
    Future<Void> catchUp() {
        long due = lastResetDue().toEpochDay();
        return store.counter(RESET_DAY, -1).compose(last -> {
            if (last >= due) {
                return Future.succeededFuture();
            }
            if (last >= 0) {
                reset("missed_while_stopped");
                return Future.succeededFuture();
            }
            return store.setCounter(RESET_DAY, due); // first start: nothing to catch up
        });
    }

    /**
     * Vert.x timers run on the monotonic clock, not on {@code clock}: a clock stepped by NTP after boot, or run
     * faster (the demo), would move the reset time away from the timer. So the timer re-checks at least every
     * {@link #RECHECK} and resets once the reset time has passed by {@code clock}.
     */
    void schedule() {
        ZonedDateTime now = ZonedDateTime.now(clock);
        ZonedDateTime next = now.with(resetAt);
        if (!next.isAfter(now)) {
            next = next.plusDays(1);
        }
        ZonedDateTime due = next;
        long wait = Math.min(Duration.between(now, next).toMillis(), RECHECK.toMillis());
        vertx.setTimer(Math.max(1, wait), t -> {
            if (!ZonedDateTime.now(clock).isBefore(due)) {
                reset("daily");
            }
            schedule();
        });
    }

    /** The day of the latest reset time that has passed (today's, or yesterday's if it is not yet due today). */
    private LocalDate lastResetDue() {
        ZonedDateTime now = ZonedDateTime.now(clock);
        ZonedDateTime today = now.with(resetAt);
        return (today.isAfter(now) ? today.minusDays(1) : today).toLocalDate();
    }

    private void reset(String cause) {
        int before = occupancy.inside();
        occupancy.resetDaily();
        record.accept(StationEvent.of("occupancy.reset", clock.instant(), "inside_before", before, "cause", cause));
        store.setCounter(StationVerticle.INSIDE, 0).onFailure(storeFailed::accept);
        store.setCounter(RESET_DAY, lastResetDue().toEpochDay()).onFailure(storeFailed::accept);
    }
}
