// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.provisioning;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stations' accounts on a Mosquitto broker: one password line per station (username {@code SITE/STATION}) in
 * its {@code password_file}, and per-station ACL lines in a block of its {@code acl_file} that central rewrites
 * whole from the active identities; then the broker is told to reload. Lines outside the block and the
 * accounts of others (central's own) are kept. Files are replaced atomically. Blocking: call on a worker.
 */
final class BrokerAccounts {
    private static final Logger log = LoggerFactory.getLogger(BrokerAccounts.class);
    static final String BEGIN = "# BEGIN union-kiosk stations (written by central's provisioning: do not edit)";
    static final String END = "# END union-kiosk stations";

    private final ProvisioningConfig cfg;
    private final SecureRandom random;

    BrokerAccounts(ProvisioningConfig cfg, SecureRandom random) {
        this.cfg = cfg;
        this.random = random;
    }

    /**
     * Gives {@code user} a new password (any older one stops working: that retires a previous identity of the
     * station), writes the ACL block for {@code activeStations}, reloads the broker.
     */
    synchronized void apply(String user, char[] password, Collection<String> activeStations) {
        try {
            if (cfg.passwordFile() != null) {
                List<String> lines = new ArrayList<>();
                if (Files.exists(cfg.passwordFile())) {
                    for (String l : Files.readAllLines(cfg.passwordFile(), StandardCharsets.UTF_8)) {
                        if (!MosquittoPasswords.sameUser(l, user) && !l.isBlank()) {
                            lines.add(l);
                        }
                    }
                }
                lines.add(MosquittoPasswords.line(user, password, random));
                replace(cfg.passwordFile(), String.join("\n", lines) + "\n");
            }
            if (cfg.aclFile() != null) {
                replace(cfg.aclFile(), aclWithBlock(Files.exists(cfg.aclFile())
                        ? Files.readString(cfg.aclFile(), StandardCharsets.UTF_8) : "", activeStations));
            }
        } catch (IOException e) {
            throw new ProvisioningException(ProvisioningException.Kind.BROKER, null,
                    "cannot write the broker's account files: " + e.getMessage());
        }
        reload();
    }

    /** {@code acl} with the managed block replaced (or appended) by one for {@code stations}. */
    static String aclWithBlock(String acl, Collection<String> stations) {
        StringBuilder block = new StringBuilder(BEGIN).append('\n');
        stations.stream().sorted().forEach(s -> {
            String root = "kiosk/v1/" + s + "/";
            block.append("user ").append(s).append('\n');
            for (String t : List.of("state", "status", "evt/#", "res/#", "config/reported", "selftest")) {
                block.append("topic write ").append(root).append(t).append('\n');
            }
            block.append("topic read ").append(root).append("cmd/#\n");
            block.append("topic read ").append(root).append("config/desired\n");
        });
        block.append(END).append('\n');
        int b = acl.indexOf(BEGIN);
        int e = acl.indexOf(END);
        if (b >= 0 && e > b) {
            int after = acl.indexOf('\n', e);
            return acl.substring(0, b) + block + (after < 0 ? "" : acl.substring(after + 1));
        }
        return acl + (acl.isEmpty() || acl.endsWith("\n") ? "" : "\n") + block;
    }

    private static void replace(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void reload() {
        if (cfg.reloadCommand().isEmpty()) {
            return;
        }
        try {
            Process p = new ProcessBuilder(cfg.reloadCommand()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new ProvisioningException(ProvisioningException.Kind.BROKER, null, "the broker reload ("
                        + String.join(" ", cfg.reloadCommand()) + ") failed: " + out);
            }
            log.info("Broker reloaded after a station account change");
        } catch (IOException e) {
            throw new ProvisioningException(ProvisioningException.Kind.BROKER, null, "cannot run the broker reload ("
                    + String.join(" ", cfg.reloadCommand()) + "): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException(ProvisioningException.Kind.BROKER, null,
                    "interrupted reloading the broker");
        }
    }
}
