// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.cli;

import io.vertx.core.Vertx;
import java.io.Console;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.unionkiosk.central.auth.Audit;
import org.unionkiosk.central.auth.Role;
import org.unionkiosk.central.auth.Users;
import org.unionkiosk.central.config.CentralConfig;
import org.unionkiosk.central.config.ConfigException;
import org.unionkiosk.central.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "user", description = "Manage central's users.", subcommands = {CentralUserCommand.Add.class})
final class CentralUserCommand {
    @ParentCommand
    CentralCommand central;

    @Command(name = "add", description = "Add a user (the first admin, typically). The password is read from the "
            + "terminal or from --password-file, never from an argument.")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        CentralUserCommand user;

        @Option(names = "--role", required = true, description = "admin, technician or viewer")
        String role;

        @Option(names = "--password-file", description = "Read the password from this file (first line)")
        Path passwordFile;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws Exception {
            Role r = Role.parse(role);
            if (r == null) {
                System.err.println("union-kiosk: --role must be admin, technician or viewer, was '" + role + "'");
                return UnionKioskCommand.EXIT_USAGE;
            }
            CentralConfig cfg = user.central.load();
            if (cfg == null) {
                return ConfigException.EXIT_CONFIG;
            }
            char[] password = password();
            if (password == null) {
                return UnionKioskCommand.EXIT_USAGE;
            }
            Vertx vertx = Vertx.vertx();
            try (Database db = Database.open(vertx, cfg.database())) {
                Users users = new Users(new Audit(Clock.systemUTC()), Clock.systemUTC());
                db.txBlocking(c -> {
                    users.add(c, name, r, password, "cli:" + System.getProperty("user.name"), "localhost");
                    return null;
                });
                System.out.println("User " + name + " added with role " + r);
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println("union-kiosk: " + e.getMessage());
                return UnionKioskCommand.EXIT_USAGE;
            } finally {
                vertx.close();
            }
        }

        private char[] password() throws Exception {
            if (passwordFile != null) {
                String first = Files.readString(passwordFile, StandardCharsets.UTF_8).lines().findFirst().orElse("");
                return first.toCharArray();
            }
            Console console = System.console();
            if (console == null) {
                System.err.println("union-kiosk: no terminal to read the password from: use --password-file FILE");
                return null;
            }
            char[] a = console.readPassword("Password for %s: ", name);
            char[] b = console.readPassword("Again: ");
            if (a == null || !java.util.Arrays.equals(a, b)) {
                System.err.println("union-kiosk: the passwords differ");
                return null;
            }
            return a;
        }
    }
}
