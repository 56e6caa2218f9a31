// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.station.config.ScannerConfig;
import org.unionkiosk.station.scanner.BadgeScan;
import org.unionkiosk.station.scanner.BadgeScanner;

/**
 * The station's badge readers, wired to its context: each reader's scans pass a bounded hand-off and a flood guard
 * before reaching {@code onScan}; a flooding reader is stopped and restarted with backoff; faults and drops go to
 * {@code onFault}. Everything but the reader threads' hand-off runs on the station context.
 */
final class ScannerHub {
    private static final Logger log = LoggerFactory.getLogger(ScannerHub.class);

    private final List<BadgeScanner> scanners;
    private final List<ScannerConfig> configs;
    private final List<FloodGuard> guards = new ArrayList<>();
    private final List<ScanHandOff> handOffs = new ArrayList<>();
    private Vertx vertx;

    ScannerHub(List<BadgeScanner> scanners, List<ScannerConfig> configs) {
        this.scanners = List.copyOf(scanners);
        this.configs = List.copyOf(configs);
    }

    /** Wires every reader to {@code ctx}; {@code onFault} gets (scanner id, problem). Readers start later. */
    void wire(Vertx vertx, Context ctx, Consumer<BadgeScan> onScan, BiConsumer<String, String> onFault) {
        this.vertx = vertx;
        for (int i = 0; i < scanners.size(); i++) {
            BadgeScanner s = scanners.get(i);
            ScannerConfig sc = configs.get(i);
            FloodGuard guard = new FloodGuard(sc.maxCodesPerSecond());
            guards.add(guard);
            ScanHandOff handOff = new ScanHandOff(ctx);
            handOffs.add(handOff);
            s.onScan(scan -> {
                boolean queued = handOff.offer(v -> {
                    if (guard.admit(System.currentTimeMillis())) {
                        onScan.accept(scan);
                    } else if (guard.justTripped()) {
                        onFault.accept(sc.id(), "flooding: more than " + sc.maxCodesPerSecond() + " codes a second");
                        restartLater(s, sc.id(), guard);
                    }
                });
                if (!queued && handOff.dropped() % 1000 == 1) { // reported once per thousand, so bounded too
                    ctx.runOnContext(v -> onFault.accept(sc.id(), handOff.dropped() + " scans dropped: decisions "
                            + "fell " + ScanHandOff.CAPACITY + " scans behind the reader"));
                }
            });
            s.onFault(problem -> ctx.runOnContext(v -> onFault.accept(sc.id(), problem)));
        }
    }

    void start() {
        scanners.forEach(BadgeScanner::start);
    }

    void stop() {
        scanners.forEach(BadgeScanner::stop);
    }

    int size() {
        return scanners.size();
    }

    /** A flooding scanner is stopped and started again after a backoff that doubles each time, up to a minute. */
    private void restartLater(BadgeScanner s, String scannerId, FloodGuard guard) {
        s.stop();
        long delay = guard.nextBackoffMs();
        vertx.setTimer(delay, t -> {
            log.info("Scanner {} restarted after {} ms", scannerId, delay);
            guard.reset();
            s.start();
        });
    }

    /** For /health: readers flooding, missing or failing. */
    List<String> problems() {
        List<String> p = new ArrayList<>();
        for (int i = 0; i < scanners.size(); i++) {
            if (i < guards.size() && guards.get(i).tripped()) {
                p.add("scanner " + configs.get(i).id() + ": flooding, restarting");
            }
            String sp = scanners.get(i).problem();
            if (sp != null) {
                p.add("scanner " + configs.get(i).id() + ": " + sp);
            }
        }
        return p;
    }

    /** Per scanner: scans waiting for a decision and scans dropped because too many were waiting. */
    JsonObject status() {
        JsonObject out = new JsonObject();
        for (int i = 0; i < handOffs.size(); i++) {
            out.put(configs.get(i).id(), new JsonObject().put("waiting", handOffs.get(i).waiting())
                    .put("dropped", handOffs.get(i).dropped()));
        }
        return out;
    }
}
