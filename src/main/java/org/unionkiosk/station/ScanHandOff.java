// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounded hand-off of one scanner's scans from its reader thread to the station context. At most {@link #CAPACITY}
 * scans wait for a decision. A reader further ahead waits up to {@link #MAX_WAIT} for room, which is backpressure
 * (a FIFO or a tty holds the rest); only then is the scan dropped, and counted. Called on reader threads only.
 */
final class ScanHandOff {
    static final int CAPACITY = 256;
    static final Duration MAX_WAIT = Duration.ofSeconds(2);

    private final Context ctx;
    private final Semaphore room = new Semaphore(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();

    ScanHandOff(Context ctx) {
        this.ctx = ctx;
    }

    /**
     * Queues {@code decide} on the context. Returns false when the queue stayed full for MAX_WAIT: the scan is
     * dropped and counted. A reader being stopped (interrupted) has its last lines discarded without counting, as
     * a stopped reader's lines always were.
     */
    boolean offer(Handler<Void> decide) {
        try {
            if (!room.tryAcquire(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                dropped.incrementAndGet();
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
        ctx.runOnContext(v -> {
            room.release();
            decide.handle(null);
        });
        return true;
    }

    /** Scans handed off and not yet decided. */
    int waiting() {
        return CAPACITY - room.availablePermits();
    }

    long dropped() {
        return dropped.get();
    }
}
