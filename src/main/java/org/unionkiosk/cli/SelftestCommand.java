// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.cli;

import com.pi4j.context.Context;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.unionkiosk.provision.ConsoleTechnician;
import org.unionkiosk.provision.InputStimulus;
import org.unionkiosk.provision.SelfTest;
import org.unionkiosk.provision.SelfTestReport;
import org.unionkiosk.station.Pi4jContexts;
import org.unionkiosk.station.config.ConfigException;
import org.unionkiosk.station.config.ConfigLoader;
import org.unionkiosk.station.config.StationConfig;
import org.unionkiosk.station.store.DataFolderLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "selftest", mixinStandardHelpOptions = true,
        description = {"Walk every configured output, input, scanner and camera, the broker, the clock and the disk; "
                + "print pass/fail with the likely fix for each failure.",
                "Stop union-kiosk.service first: it holds the GPIO lines and scanners.",
                "Exit status: 0 nothing failed, 1 something failed, 78 configuration error."})
final class SelftestCommand implements Callable<Integer> {
    static final String LAST_REPORT = "selftest.json";

    @Option(names = {"-c", "--config"}, description = "Config file (default: $UNION_KIOSK_CONFIG or "
            + "/etc/union-kiosk/kiosk.yaml)")
    Path config;

    @Option(names = "--json", description = "Print the report as JSON on stdout (progress goes to stderr).")
    boolean json;

    @Option(names = "--non-interactive", description = "Nobody at the station: no questions. On the mock platform "
            + "the self-test operates the mock inputs itself; on a Pi the steps that need a hand are skipped.")
    boolean nonInteractive;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "30",
            description = "Seconds each step waits for an input change or a scan (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() {
        if (timeoutSeconds < 1 || timeoutSeconds > 600) {
            System.err.println("union-kiosk: --timeout must be 1..600 seconds, was " + timeoutSeconds);
            return UnionKioskCommand.EXIT_USAGE;
        }
        if (serviceRunning()) {
            System.err.println("union-kiosk: union-kiosk.service is running and holds the GPIO lines, scanners and "
                    + "screen port: stop it first (systemctl stop union-kiosk), then run the self-test again");
            return 1;
        }
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
        // A station started by hand (not by systemd) holds the same lines: its data folder lock says so. No folder
        // means no station on it; a folder we cannot lock is left to the dataDir check to report.
        DataFolderLock folder = null;
        try {
            folder = Files.isDirectory(cfg.dataDir()) ? DataFolderLock.acquire(cfg.dataDir()) : null;
        } catch (DataFolderLock.DataFolderBusyException e) {
            System.err.println("union-kiosk: " + e.getMessage() + " (the self-test drives the same lock, LEDs and "
                    + "lockers: stop that station first)");
            return 1;
        } catch (IOException e) {
            System.err.println("union-kiosk: cannot lock the data folder " + cfg.dataDir() + " (" + e.getMessage()
                    + "); continuing");
        }
        try {
            return run(cfg);
        } finally {
            if (folder != null) {
                try {
                    folder.close();
                } catch (IOException e) {
                    // Released by the OS when the process ends anyway.
                }
            }
        }
    }

    private int run(StationConfig cfg) {
        PrintStream progress = json ? System.err : System.out;
        ConsoleTechnician technician = new ConsoleTechnician(nonInteractive ? null
                : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), progress);
        Vertx vertx = Vertx.vertx();
        Context pi4j = Pi4jContexts.create(cfg.platform());
        SelfTestReport report;
        try {
            InputStimulus stimulus = InputStimulus.choose(cfg.platform(), !nonInteractive, technician, pi4j,
                    timeoutSeconds);
            report = new SelfTest(cfg, pi4j, vertx, technician, stimulus, Duration.ofSeconds(timeoutSeconds),
                    Clock.systemUTC()).run();
        } finally {
            pi4j.shutdown(); // every output back to its safe shutdown state
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).join();
        }
        keep(report, cfg.dataDir().resolve(LAST_REPORT));
        if (json) {
            System.out.println(report.json());
        } else {
            System.out.println();
            System.out.print(report.table());
        }
        System.out.flush();
        return report.exitCode();
    }

    /** The last report, beside the station's database, for the handover sheet and for central to be shown. */
    private static void keep(SelfTestReport report, Path file) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, report.json() + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            System.err.println("union-kiosk: the report could not be kept in " + file + " (" + e.getMessage() + ")");
        }
    }

    private static boolean serviceRunning() {
        if (!Files.isDirectory(Path.of("/run/systemd/system"))) {
            return false;
        }
        try {
            Process p = new ProcessBuilder("systemctl", "is-active", "--quiet", "union-kiosk.service")
                    .redirectErrorStream(true).start();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
