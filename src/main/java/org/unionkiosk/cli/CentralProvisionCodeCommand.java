// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.cli;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.unionkiosk.central.auth.Audit;
import org.unionkiosk.central.config.CentralConfig;
import org.unionkiosk.central.config.ConfigException;
import org.unionkiosk.central.provisioning.ClaimQr;
import org.unionkiosk.central.provisioning.Provisioning;
import org.unionkiosk.central.provisioning.ProvisioningException;
import org.unionkiosk.central.store.Database;
import org.unionkiosk.provision.TerminalQr;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "provision-code", mixinStandardHelpOptions = true,
        description = "Make a one-time claim for a new station (valid 15 minutes) and show it as a QR code to scan "
                + "at the station, or to pass to 'union-kiosk provision'.")
final class CentralProvisionCodeCommand implements Callable<Integer> {
    @ParentCommand
    CentralCommand central;

    @Option(names = "--site", required = true, description = "The station's site id")
    String site;

    @Option(names = "--station", required = true, description = "The station's id within the site")
    String station;

    @Option(names = "--png", paramLabel = "FILE", description = "Also write the QR code as a PNG image")
    Path png;

    @Option(names = "--config-json", paramLabel = "JSON",
            description = "kiosk.yaml sections (as JSON) to overlay on the station's own file")
    String configJson;

    @Override
    public Integer call() throws Exception {
        CentralConfig cfg = central.load();
        if (cfg == null) {
            return ConfigException.EXIT_CONFIG;
        }
        JsonObject overlay;
        try {
            overlay = configJson == null ? null : new JsonObject(configJson);
        } catch (io.vertx.core.json.DecodeException e) {
            System.err.println("union-kiosk: --config-json is not a JSON object: " + e.getMessage());
            return UnionKioskCommand.EXIT_USAGE;
        }
        Vertx vertx = Vertx.vertx();
        try (Database db = Database.open(vertx, cfg.database())) {
            Clock clock = Clock.systemUTC();
            Provisioning p = new Provisioning(vertx, db, cfg.provisioning(), cfg.secrets().badgeKey().publicKey(),
                    cfg.secrets().commandKey().publicKey(), new Audit(clock), clock);
            Provisioning.NewClaim claim = db.txBlocking(c -> p.createClaim(c, "cli:" + System.getProperty("user.name"),
                    "localhost", site, station, overlay));
            System.out.println("Claim " + claim.id() + " for " + claim.station() + ", valid until "
                    + Instant.ofEpochMilli(claim.expiresAt()) + " (once). Scan it at the station, or run there:");
            System.out.println("  sudo union-kiosk provision '" + claim.code() + "'");
            System.out.println();
            System.out.print(TerminalQr.render(claim.code()));
            if (png != null) {
                Files.write(png, ClaimQr.png(claim.code()));
                System.out.println("QR code written to " + png);
            }
            return 0;
        } catch (ProvisioningException e) {
            System.err.println("union-kiosk: " + e.getMessage());
            return e.kind() == ProvisioningException.Kind.NOT_CONFIGURED ? ConfigException.EXIT_CONFIG
                    : UnionKioskCommand.EXIT_USAGE;
        } finally {
            vertx.close();
        }
    }
}
