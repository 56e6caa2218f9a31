// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.locker;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One physical bus of lock outputs (an I2C bus of expanders, a set of GPIO lines): every command on it runs on
 * its own thread, one at a time, with a gap after each. A lock pulse switches the output on, holds it for the
 * bounded pulse time and switches it off in a {@code finally}, so a failure mid-pulse still de-energises the lock.
 * Sleeping here is the point: this thread is not an event loop.
 */
public final class LockerBus implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LockerBus.class);
    public static final Duration MAX_PULSE = Duration.ofSeconds(2);

    /** A lock output on this bus. */
    public interface Output {
        void set(boolean on);
    }

    private final String name;
    private final Duration pulse;
    private final Duration gap;
    private final ExecutorService thread;

    public LockerBus(String name, Duration pulse, Duration gap) {
        if (pulse.isNegative() || pulse.isZero() || pulse.compareTo(MAX_PULSE) > 0) {
            throw new IllegalArgumentException("lock pulse must be 1 ms.." + MAX_PULSE.toMillis() + " ms, was "
                    + pulse.toMillis());
        }
        this.name = name;
        this.pulse = pulse;
        this.gap = gap;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "locker-bus-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues one bounded pulse; completes when the output is off again and the gap has passed. */
    public CompletableFuture<Void> pulse(Output output) {
        return CompletableFuture.runAsync(() -> {
            try {
                output.set(true);
                sleep(pulse);
            } finally {
                try {
                    output.set(false);
                } catch (RuntimeException e) {
                    log.error("Locker bus {}: output could not be switched off after a pulse", name, e);
                    throw e;
                }
            }
            sleep(gap);
        }, thread);
    }

    /** Runs a read (door sensors) in turn with the pulses, so the bus is never used by two threads at once. */
    public <T> CompletableFuture<T> read(Supplier<T> read) {
        return CompletableFuture.supplyAsync(read, thread);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(MAX_PULSE.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
