// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station;

import io.vertx.core.Context;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.station.door.DoorLock;
import org.unionkiosk.station.store.SqliteStationStore;

/**
 * Proves the station works rather than that some thread lives. On its own thread (not an event loop, so a stuck
 * loop cannot stop it) it asks, every {@code period}, for a round trip through the context that owns the door and
 * through the SQLite thread; only a completed round trip pets systemd's watchdog. A stuck or dead loop therefore
 * means no ping and a restart within WatchdogSec, and without systemd the process exits itself after
 * {@code stuckLimit}. A fire-alarm or exit-button edge the context has not handled within
 * {@link #LIFE_SAFETY_LIMIT} releases the lock from this thread and ends the process at once (no shutdown hook,
 * which would relock), so a dead loop can never hold people in.
 */
public final class StationWatchdog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StationWatchdog.class);
    static final Duration LIFE_SAFETY_LIMIT = Duration.ofSeconds(2);
    private static final long TICK_MS = 100;

    private final Supplier<CompletableFuture<Void>> probe;
    private final LifeSafetySignals signals;
    private final DoorLock lock;
    private final Runnable ping;
    private final IntConsumer exit;
    private final long periodNanos;
    private final long stuckLimitNanos;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "station-watchdog");
        t.setDaemon(true);
        t.setPriority(Thread.MAX_PRIORITY);
        return t;
    });
    private volatile long lastAnswerNanos;
    private long nextProbeNanos;
    private boolean probing;
    private boolean exited;

    /**
     * @param probe a round trip through the station context and its store, started from this thread
     * @param ping  pets systemd's watchdog ({@code WATCHDOG=1}); called only after a completed round trip
     * @param exit  ends the process with a status (production: {@code Runtime.halt})
     */
    StationWatchdog(Supplier<CompletableFuture<Void>> probe, LifeSafetySignals signals, DoorLock lock, Runnable ping,
                    IntConsumer exit, Duration period, Duration stuckLimit) {
        this.probe = probe;
        this.signals = signals;
        this.lock = lock;
        this.ping = ping;
        this.exit = exit;
        this.periodNanos = period.toNanos();
        this.stuckLimitNanos = stuckLimit.toNanos();
    }

    /**
     * The round trip the watchdog asks for, callable from any thread: through {@code ctx} (which owns the door) and
     * the SQLite thread and back. Fails at once if the context is dead; never completes if it is stuck.
     */
    static Supplier<CompletableFuture<Void>> roundTrip(Context ctx, SqliteStationStore store) {
        return () -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            ctx.runOnContext(v -> store.ping().onComplete(ar -> {
                if (ar.succeeded()) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(ar.cause());
                }
            }));
            return done;
        };
    }

    void start() {
        lastAnswerNanos = System.nanoTime();
        nextProbeNanos = lastAnswerNanos;
        thread.scheduleWithFixedDelay(this::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            long now = System.nanoTime();
            if (exited) {
                return;
            }
            long waited = signals.oldestWaitNanos(now);
            if (waited > LIFE_SAFETY_LIMIT.toNanos()) {
                lifeSafetyExit(waited);
                return;
            }
            if (now - lastAnswerNanos > stuckLimitNanos) {
                log.error("Station context has not answered for {} ms: exiting so that it is restarted",
                        TimeUnit.NANOSECONDS.toMillis(now - lastAnswerNanos));
                exited = true;
                exit.accept(1);
                return;
            }
            if (!probing && now >= nextProbeNanos) {
                probing = true;
                nextProbeNanos = now + periodNanos;
                CompletableFuture<Void> round;
                try {
                    round = probe.get();
                } catch (RuntimeException deadLoop) { // e.g. RejectedExecutionException: event executor terminated
                    round = CompletableFuture.failedFuture(deadLoop);
                }
                round.whenComplete((v, t) -> thread.execute(() -> answered(t)));
            }
        } catch (Throwable t) {
            log.error("Station watchdog check failed", t);
        }
    }

    private void answered(Throwable failure) {
        probing = false;
        if (failure != null) {
            log.warn("Station watchdog round trip failed: {}", failure.toString());
            return;
        }
        lastAnswerNanos = System.nanoTime();
        ping.run();
    }

    private void lifeSafetyExit(long waitedNanos) {
        exited = true;
        log.error("A fire-alarm or exit-button signal waited {} ms for the station context: releasing the lock "
                + "directly and exiting", TimeUnit.NANOSECONDS.toMillis(waitedNanos));
        try {
            lock.release();
        } catch (Throwable t) {
            log.error("Direct lock release failed; the lock's fail-safe wiring applies when the process ends", t);
        }
        exit.accept(1);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
