// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.cli;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.central.CentralMain;
import org.unionkiosk.central.config.CentralConfig;
import org.unionkiosk.central.config.ConfigException;
import org.unionkiosk.central.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "central", description = "Run the fleet server: ingest, storage, API, signed commands.",
        subcommands = {CentralUserCommand.class, CentralProvisionCodeCommand.class})
final class CentralCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(CentralCommand.class);

    @Option(names = {"-c", "--config"}, description = "Config file (default: $UNION_KIOSK_CENTRAL_CONFIG or "
            + "/etc/union-kiosk/central.yaml)")
    Path config;

    Path configFile() {
        return config != null ? config : Path.of(System.getenv().getOrDefault("UNION_KIOSK_CENTRAL_CONFIG",
                "/etc/union-kiosk/central.yaml"));
    }

    /** The config, or null after printing every problem (the caller exits 78). */
    CentralConfig load() {
        Path file = configFile();
        try {
            return ConfigLoader.load(file);
        } catch (ConfigException e) {
            System.err.println("union-kiosk central: configuration error in " + file + ":");
            e.problems().forEach(p -> System.err.println("  " + p));
            return null;
        }
    }

    @Override
    public Integer call() throws Exception {
        CentralConfig cfg = load();
        if (cfg == null) {
            return ConfigException.EXIT_CONFIG;
        }
        System.setProperty("vertx.logger-delegate-factory-class-name",
                "io.vertx.core.logging.SLF4JLogDelegateFactory");
        Vertx vertx = Vertx.vertx();
        CentralMain central = new CentralMain(vertx, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Central {} stopping", cfg.instance());
            try {
                central.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("Central stop did not finish cleanly: {}", e.toString());
            }
            stopped.countDown();
        }, "shutdown"));
        try {
            central.start(cfg).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.error("Central failed to start: {}", e.getCause() == null ? e.toString() : e.getCause().toString());
            vertx.close();
            return 1;
        }
        SystemdNotifier.fromEnvironment().send("READY=1");
        stopped.await();
        return 0;
    }
}
