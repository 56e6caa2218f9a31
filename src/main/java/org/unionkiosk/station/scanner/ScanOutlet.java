// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.scanner;

import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.station.config.ScannerConfig;

/**
 * What every reader hands out, kept in one place: scans to the scan handler, faults (reported once each, when they
 * first appear) to the fault listener, and the current problem for /health. Called from the reader's threads;
 * listeners never see an exception from each other.
 */
final class ScanOutlet {
    private static final Logger log = LoggerFactory.getLogger(ScanOutlet.class);

    private final ScannerConfig cfg;
    private final Clock clock;
    private volatile Consumer<BadgeScan> handler = s -> { };
    private volatile Consumer<String> faults = f -> { };
    private volatile String problem = "not started";

    ScanOutlet(ScannerConfig cfg, Clock clock) {
        this.cfg = cfg;
        this.clock = clock;
    }

    void onScan(Consumer<BadgeScan> h) {
        this.handler = h;
    }

    void onFault(Consumer<String> listener) {
        this.faults = listener;
    }

    String problem() {
        return problem;
    }

    /** The reader has its device and is reading. */
    void healthy() {
        problem = null;
    }

    void fault(String what) {
        if (!what.equals(problem)) {
            problem = what;
            try {
                faults.accept(what);
            } catch (RuntimeException e) {
                log.error("Scanner {} fault listener failed", cfg.id(), e);
            }
        }
    }

    void emit(String text) {
        try {
            handler.accept(new BadgeScan(cfg.id(), cfg.role(), text, clock.instant()));
        } catch (RuntimeException e) {
            log.error("Scanner {} handler failed", cfg.id(), e);
        }
    }
}
