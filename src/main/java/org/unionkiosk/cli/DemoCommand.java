// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.cli;

import ch.qos.logback.classic.Level;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.demo.DemoMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole system on this machine: an embedded MQTT broker, central on SQLite, simulated "
                + "stations on Pi4J's mock platform and simulated members. Ctrl-C stops everything."})
final class DemoCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(DemoCommand.class);

    @Option(names = "--stations", defaultValue = "3", description = "Simulated stations, 1..500 (default: 3)")
    int stations;

    @Option(names = "--speed", defaultValue = "1", description = "Demo seconds per real second, 1..600 "
            + "(60: an hour a minute; default: 1)")
    double speed;

    @Option(names = "--port", defaultValue = "8090", description = "Central's HTTP port on 127.0.0.1 "
            + "(0: any free port; default: 8090)")
    int port;

    @Option(names = "--data", description = "Keep everything in this folder, kept after exit (default: a "
            + "temporary folder, deleted at exit)")
    Path data;

    @Option(names = "--start", description = "Demo time of day to start at, HH:MM (default: now)")
    String start;

    @Option(names = "--verbose", description = "Log every station's decisions (INFO) instead of warnings only")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        String problem = stations < 1 || stations > 500 ? "--stations: must be 1..500, was " + stations
                : !(speed >= 1 && speed <= 600) ? "--speed: must be 1..600, was " + speed
                : port < 0 || port > 65535 ? "--port: must be 0..65535, was " + port : null;
        ZoneId zone = ZoneId.systemDefault();
        Instant origin = Instant.now();
        if (problem == null && start != null) {
            try {
                origin = ZonedDateTime.now(zone).with(LocalTime.parse(start)).toInstant();
            } catch (DateTimeParseException e) {
                problem = "--start: must be HH:MM, was '" + start + "'";
            }
        }
        if (problem != null) {
            System.err.println("union-kiosk demo: " + problem);
            return UnionKioskCommand.EXIT_USAGE;
        }
        System.setProperty("vertx.logger-delegate-factory-class-name",
                "io.vertx.core.logging.SLF4JLogDelegateFactory");
        if (!verbose) {
            for (String quiet : new String[] {"org.unionkiosk.station", "org.unionkiosk.central", "io.moquette",
                    "org.flywaydb", "com.zaxxer"}) {
                ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(quiet)).setLevel(Level.WARN);
            }
        }
        boolean temporary = data == null;
        Path dir = temporary ? Files.createTempDirectory("union-kiosk-demo-") : data;
        Vertx vertx = Vertx.vertx();
        DemoMain demo = new DemoMain(vertx, new DemoMain.Settings(dir, stations, speed, port, origin, zone));
        CountDownLatch stopRequested = new CountDownLatch(1);
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), sig -> stopRequested.countDown());
        }
        long t0 = System.nanoTime();
        DemoMain.Started started;
        try {
            started = demo.start().toCompletionStage().toCompletableFuture().get(300, TimeUnit.SECONDS);
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            System.err.println("union-kiosk demo: failed to start: " + (cause instanceof java.net.BindException
                    ? "port " + port + " is in use: choose another with --port, or --port 0 for any free one"
                    : cause.toString()));
            log.error("Demo failed to start", cause);
            stop(demo, vertx, dir, temporary);
            return 1;
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        System.out.println();
        System.out.println("union-kiosk demo: " + stations + " station(s) running at speed " + speed + " (started in "
                + ms + " ms)");
        System.out.println("  console:       " + started.consoleUrl());
        System.out.println("  wall display:  " + started.wallUrl());
        System.out.println("  API:           " + started.apiUrl());
        System.out.println("  sign in as:    " + started.user() + " / " + started.password());
        System.out.println("  data folder:   " + dir + (temporary ? " (deleted at exit)" : ""));
        started.stationScreens().stream().limit(5).forEach(s -> System.out.println("  station:       " + s));
        if (started.stationScreens().size() > 5) {
            System.out.println("  ... and " + (started.stationScreens().size() - 5) + " more (see "
                    + dir.resolve("stations") + ")");
        }
        System.out.println("Press Ctrl-C to stop.");
        System.out.flush();
        stopRequested.await();
        log.info("Demo stop requested by signal");
        return stop(demo, vertx, dir, temporary) ? 0 : 1;
    }

    private static boolean stop(DemoMain demo, Vertx vertx, Path dir, boolean temporary) {
        boolean clean = true;
        try {
            demo.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            System.out.println("union-kiosk demo: stopped; every station offline.");
        } catch (Exception e) {
            clean = false;
            System.err.println("union-kiosk demo: stop did not finish cleanly: " + e);
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("Vert.x close did not finish: {}", e.toString());
        }
        if (temporary) {
            deleteTree(dir);
        }
        return clean;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            log.warn("Demo folder {} not fully deleted: {}", dir, e.toString());
        }
    }
}
