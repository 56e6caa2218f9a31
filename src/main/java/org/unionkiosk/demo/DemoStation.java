// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.demo;

import com.pi4j.context.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.unionkiosk.station.Pi4jContexts;
import org.unionkiosk.station.StationMain;
import org.unionkiosk.station.config.ConfigLoader;
import org.unionkiosk.station.config.Platform;
import org.unionkiosk.station.config.StationConfig;
import org.unionkiosk.station.sim.SimulatedHardware;

/**
 * One simulated station: its own kiosk.yaml and data folder, its own Pi4J mock context, the station's real code
 * ({@link StationMain}, as {@code union-kiosk run} uses) on the process's one Vert.x, and the two FIFOs its entry
 * and locker scanners read. Members act through {@link #scan}, {@link #lockerScan} and {@link #hardware}.
 */
final class DemoStation {
    private final Vertx vertx;
    private final WorkerExecutor fifoWriter;
    private final Path config;
    private final String site;
    private final String id;
    private Context pi4j;
    private StationMain main;
    private StationConfig cfg;
    private int port;
    private OutputStream entryFifo;
    private OutputStream lockerFifo;

    DemoStation(Vertx vertx, WorkerExecutor fifoWriter, Path config, String site, String id) {
        this.vertx = vertx;
        this.fifoWriter = fifoWriter;
        this.config = config;
        this.site = site;
        this.id = id;
    }

    String ref() {
        return site + "/" + id;
    }

    String site() {
        return site;
    }

    String id() {
        return id;
    }

    int port() {
        return port;
    }

    /** Loads the kiosk.yaml (same validation as {@code run}) and starts the station; then opens its FIFOs. */
    Future<DemoStation> start(Clock clock) {
        return vertx.executeBlocking(() -> {
            cfg = ConfigLoader.load(config);
            for (var sc : cfg.scanners()) {
                mkfifo(sc.device());
            }
            pi4j = Pi4jContexts.create(Platform.MOCK);
            return cfg;
        }, false).compose(c -> {
            main = new StationMain(vertx, pi4j);
            return main.start(c, clock);
        }).compose(v -> {
            port = v.port();
            // Opening a FIFO for writing waits for its reader, which the started scanner is.
            return fifoWriter.executeBlocking(() -> {
                entryFifo = Files.newOutputStream(cfg.scanners().get(0).device());
                lockerFifo = Files.newOutputStream(cfg.scanners().get(1).device());
                return this;
            }, false);
        });
    }

    SimulatedHardware hardware() {
        return main.simulatedHardware();
    }

    /** A badge shown to the entry reader. */
    Future<Void> scan(String code) {
        return write(entryFifo, code);
    }

    /** A badge shown to the locker terminal. */
    Future<Void> lockerScan(String code) {
        return write(lockerFifo, code);
    }

    private Future<Void> write(OutputStream fifo, String code) {
        return fifoWriter.executeBlocking(() -> {
            fifo.write((code + "\n").getBytes(StandardCharsets.US_ASCII));
            fifo.flush();
            return null;
        }, false);
    }

    /** Stops the station (door locked, station.stopped, offline state published) and closes its FIFOs. */
    Future<Void> stop() {
        Future<Void> stopped = main == null ? Future.succeededFuture() : main.stop();
        return stopped.eventually(() -> vertx.executeBlocking(() -> {
            for (OutputStream o : new OutputStream[] {entryFifo, lockerFifo}) {
                if (o != null) {
                    o.close();
                }
            }
            return null;
        }));
    }

    private static void mkfifo(Path p) throws IOException, InterruptedException {
        if (Files.exists(p)) {
            return;
        }
        Process proc = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (proc.waitFor() != 0) {
            throw new IOException("mkfifo " + p + " failed: " + out);
        }
    }
}
