// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.cli;

import com.pi4j.context.Context;
import io.vertx.core.Vertx;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.station.Pi4jContexts;
import org.unionkiosk.station.StationMain;
import org.unionkiosk.station.config.ConfigException;
import org.unionkiosk.station.config.ConfigLoader;
import org.unionkiosk.station.config.StationConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the station controller (systemd starts this on the Pi).")
final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = {"-c", "--config"}, description = "Config file (default: $UNION_KIOSK_CONFIG or "
            + "/etc/union-kiosk/kiosk.yaml)")
    Path config;

    private static long uptimeMs() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
    }

    /** Half of systemd's WatchdogSec when it set one, else 5 s (the watchdog still guards the door without it). */
    private static Duration watchdogPeriod() {
        String usec = System.getenv("WATCHDOG_USEC");
        try {
            return usec == null ? Duration.ofSeconds(5) : Duration.ofMillis(Math.max(500, Long.parseLong(usec) / 2000));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(5);
        }
    }

    @Override
    public Integer call() throws Exception {
        Path file = config != null ? config : Path.of(System.getenv().getOrDefault("UNION_KIOSK_CONFIG",
                "/etc/union-kiosk/kiosk.yaml"));
        StationConfig cfg;
        try {
            cfg = ConfigLoader.load(file);
        } catch (ConfigException e) {
            System.err.println("union-kiosk: configuration error in " + file + ":");
            e.problems().forEach(p -> System.err.println("  " + p));
            return ConfigException.EXIT_CONFIG;
        }
        System.setProperty("vertx.logger-delegate-factory-class-name",
                "io.vertx.core.logging.SLF4JLogDelegateFactory");
        log.debug("Config loaded at {} ms", uptimeMs());
        Vertx vertx = Vertx.vertx();
        // An Error on an event loop (OutOfMemoryError above all) leaves a loop that silently rejects every task:
        // end the process so systemd restarts it (the unit also sets -XX:+ExitOnOutOfMemoryError).
        vertx.exceptionHandler(t -> {
            if (t instanceof VirtualMachineError) {
                log.error("Fatal {} on an event loop: exiting for a restart", t.toString());
                Runtime.getRuntime().halt(1);
            }
        });
        log.debug("Vert.x created at {} ms", uptimeMs());
        Context pi4j = Pi4jContexts.create(cfg.platform());
        log.debug("Pi4J {} context created at {} ms", cfg.platform(), uptimeMs());
        StationMain station = new StationMain(vertx, pi4j);
        SystemdNotifier systemd = SystemdNotifier.fromEnvironment();
        AtomicBoolean stopping = new AtomicBoolean();
        Runnable stop = () -> {
            if (!stopping.compareAndSet(false, true)) {
                return;
            }
            systemd.send("STOPPING=1");
            try {
                station.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
                log.info("Station stopped: outputs in their safe state");
            } catch (Exception e) {
                log.warn("Station stop did not finish cleanly: {}", e.toString());
            }
        };
        CountDownLatch stopRequested = new CountDownLatch(1);
        // systemd stops us with SIGTERM: stop cleanly and exit 0. The JVM's own handler would exit 143, which
        // systemd records as a failure. Any other way out (an error, System.exit) still stops through the hook.
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), sig -> stopRequested.countDown());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "shutdown"));
        try {
            station.start(cfg, Clock.systemDefaultZone()).toCompletionStage().toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            String why = cause instanceof BindException
                    ? "HTTP port " + cfg.httpPort() + " on " + cfg.httpHost() + " is in use by another process"
                    : cause.getMessage() == null ? cause.toString() : cause.getMessage();
            log.error("Station failed to start: {}", why);
            System.err.println("union-kiosk: station failed to start: " + why);
            return 1; // not a configuration error: systemd retries
        }
        log.info("Station ready {} ms after JVM start", uptimeMs());
        systemd.send("READY=1");
        Duration period = watchdogPeriod();
        station.startWatchdog(period, period.multipliedBy(3).plusSeconds(5), () -> systemd.send("WATCHDOG=1"),
                status -> Runtime.getRuntime().halt(status));
        if (systemd.active()) {
            log.info("systemd notified through {}; watchdog round trip every {} ms", systemd.via(), period.toMillis());
        }
        stopRequested.await();
        log.info("Stop requested by signal");
        stop.run();
        return 0;
    }
}
