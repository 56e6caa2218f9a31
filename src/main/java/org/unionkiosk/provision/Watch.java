// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.provision;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Sets a stimulus going and watches the station's own input code for the change it should cause. */
final class Watch {
    static final long POLL_MS = 20;

    enum Seen { CHANGED, NO_CHANGE, NOT_DRIVEN }

    private Watch() {
    }

    /**
     * Waits up to {@code timeout} for {@code changed} to report true. The stimulus runs on a thread of its own
     * (the mock hand holds an input for a while; a person needs the prompt first).
     */
    static Seen forChange(InputStimulus stimulus, InputStimulus.InputPoint point, Duration timeout,
                          BooleanSupplier changed) {
        if (!stimulus.reaches(point)) {
            return Seen.NOT_DRIVEN;
        }
        Thread acting = new Thread(() -> stimulus.actOn(point), "selftest-stimulus");
        acting.setDaemon(true);
        acting.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (changed.getAsBoolean()) {
                return Seen.CHANGED;
            }
            sleep(POLL_MS);
        }
        return changed.getAsBoolean() ? Seen.CHANGED : Seen.NO_CHANGE;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
