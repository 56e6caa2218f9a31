// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.unionkiosk.protocol.ProvisioningCode;
import org.unionkiosk.provision.ProvisionException;
import org.unionkiosk.provision.Provisioner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "provision", mixinStandardHelpOptions = true,
        description = {"Enrol this station with central using a one-time claim (union-kiosk central provision-code, "
                + "or the console): creates the station's key pair, writes kiosk.yaml, keys and broker password, "
                + "marks the station provisioned and starts the service.",
                "Safe to run again: it resumes after a power cut, and the same claim twice changes nothing.",
                "Exit status: 0 provisioned, 1 refused or failed (the message says why), 64 usage, "
                        + "78 the resulting config does not load."})
final class ProvisionCommand implements Callable<Integer> {
    static final Path ETC = Path.of("/etc/union-kiosk");
    static final Path VAR = Path.of("/var/lib/union-kiosk");

    @Parameters(index = "0", arity = "0..1", paramLabel = "CODE",
            description = "The claim's code (UKP1:…). Without it, scan the QR with a keyboard-mode scanner or paste "
                    + "it.")
    String code;

    @Option(names = "--config-dir", paramLabel = "DIR", description = "Where kiosk.yaml and the keys go "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "/etc/union-kiosk")
    Path configDir;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The station's data folder "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "/var/lib/union-kiosk")
    Path dataDir;

    @Option(names = "--serial", description = "Report this serial number instead of the Pi's own (a replacement "
            + "board being prepared elsewhere, tests).")
    String serial;

    @Option(names = "--no-start", description = "Do not start union-kiosk.service at the end.")
    boolean noStart;

    @Override
    public Integer call() throws Exception {
        String text = code;
        if (text == null) {
            System.out.println("Scan the claim QR now (or paste its text) and press Enter:");
            text = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        ProvisioningCode claim;
        try {
            claim = ProvisioningCode.parse(text);
        } catch (IllegalArgumentException e) {
            System.err.println("union-kiosk provision: " + e.getMessage());
            return UnionKioskCommand.EXIT_USAGE;
        }
        Provisioner p = new Provisioner(configDir, dataDir, serial, System.out::println, Clock.systemUTC());
        try {
            p.run(claim);
        } catch (ProvisionException e) {
            System.err.println("union-kiosk provision: " + e.getMessage());
            return e.exitCode();
        }
        return start();
    }

    /** {@code systemctl restart} on an installed station under systemd; elsewhere, what to run next. */
    private int start() throws Exception {
        boolean installed = configDir.toAbsolutePath().normalize().equals(ETC)
                && dataDir.toAbsolutePath().normalize().equals(VAR)
                && Files.isDirectory(Path.of("/run/systemd/system"));
        if (noStart || !installed) {
            System.out.println("Next: start the station with 'union-kiosk run -c " + configDir.resolve("kiosk.yaml")
                    + "'" + (installed ? " or 'systemctl start union-kiosk'" : "") + "; central shows it online "
                    + "once it connects.");
            return 0;
        }
        System.out.println("Starting union-kiosk.service …");
        Process sc = new ProcessBuilder("systemctl", "restart", "union-kiosk.service").inheritIO().start();
        if (!sc.waitFor(120, TimeUnit.SECONDS) || sc.exitValue() != 0) {
            System.err.println("union-kiosk provision: the station is provisioned but the service did not start: "
                    + "see 'systemctl status union-kiosk' and 'journalctl -u union-kiosk'");
            return 1;
        }
        System.out.println("union-kiosk.service started; central shows the station online once it connects.");
        return 0;
    }
}
