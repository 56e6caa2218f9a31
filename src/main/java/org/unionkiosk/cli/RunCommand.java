// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.cli;

import com.pi4j.context.Context;
import io.vertx.core.Vertx;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Clock;
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
        log.debug("Vert.x created at {} ms", uptimeMs());
        Context pi4j = Pi4jContexts.create(cfg.platform());
        log.debug("Pi4J {} context created at {} ms", cfg.platform(), uptimeMs());
        StationMain station = new StationMain(vertx, pi4j);
        AtomicBoolean stopping = new AtomicBoolean();
        Runnable stop = () -> {
            if (!stopping.compareAndSet(false, true)) {
                return;
            }
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
        SystemdNotifier.ready(vertx);
        stopRequested.await();
        log.info("Stop requested by signal");
        stop.run();
        return 0;
    }
}
