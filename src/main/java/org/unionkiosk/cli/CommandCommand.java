// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.cli;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.unionkiosk.protocol.CommandCodec;
import org.unionkiosk.protocol.RemoteCommand;
import org.unionkiosk.protocol.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "command", mixinStandardHelpOptions = true, description = "Central's command key and signed "
        + "remote commands for stations.", subcommands = {KeygenCommand.class, CommandCommand.Sign.class})
final class CommandCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return UnionKioskCommand.EXIT_USAGE;
    }

    @Command(name = "sign", mixinStandardHelpOptions = true, description = "Sign a command; print the JSON to "
            + "publish (QoS 1, not retained) and, on stderr, the topic to publish it on.")
    static final class Sign implements Callable<Integer> {
        @Option(names = "--key", required = true, description = "Central's command private key (PEM)")
        Path key;
        @Option(names = "--station", required = true, description = "SITE/STATION")
        String station;
        @Option(names = "--name", required = true, description = "unlock, lockdown, revoke, unrevoke, suspend, "
                + "unsuspend, trust-keys, config, rebirth, open-locker, release-locker, block-locker, "
                + "unblock-locker")
        String name;
        @Option(names = "--arg", description = "k=v (repeatable)")
        List<String> args = List.of();
        @Option(names = "--ttl", defaultValue = "30s", description = "Validity, e.g. 30s, 5m; at most 10m "
                + "(default ${DEFAULT-VALUE})")
        String ttl;
        @Option(names = "--id", description = "Command id (default: random)")
        String id;

        @Override
        public Integer call() throws Exception {
            Duration validity;
            try {
                validity = Duration.parse("PT" + ttl.toUpperCase());
            } catch (DateTimeParseException e) {
                System.err.println("union-kiosk: --ttl must look like 30s or 5m, was " + ttl);
                return UnionKioskCommand.EXIT_USAGE;
            }
            if (validity.isNegative() || validity.isZero() || validity.compareTo(CommandCodec.MAX_LIFETIME) > 0) {
                System.err.println("union-kiosk: --ttl must be more than 0 and at most "
                        + CommandCodec.MAX_LIFETIME.toMinutes() + "m (stations refuse longer-lived commands), was "
                        + ttl);
                return UnionKioskCommand.EXIT_USAGE;
            }
            Map<String, String> parsed = new LinkedHashMap<>();
            for (String a : args) {
                int eq = a.indexOf('=');
                if (eq <= 0) {
                    System.err.println("union-kiosk: --arg must be k=v, was " + a);
                    return UnionKioskCommand.EXIT_USAGE;
                }
                parsed.put(a.substring(0, eq), a.substring(eq + 1));
            }
            String[] target = station.split("/", -1);
            Topics topics;
            RemoteCommand c;
            try {
                topics = new Topics(target[0], target.length == 2 ? target[1] : "");
                byte[] rnd = new byte[12];
                new SecureRandom().nextBytes(rnd);
                Instant now = Instant.now();
                c = new RemoteCommand(id != null ? id : Base64.getUrlEncoder().withoutPadding().encodeToString(rnd),
                        station, name, now, now.plus(validity), parsed);
            } catch (IllegalArgumentException e) {
                System.err.println("union-kiosk: " + e.getMessage());
                return UnionKioskCommand.EXIT_USAGE;
            }
            System.err.println(topics.command(c.name(), c.id()));
            System.out.println(CommandCodec.sign(c, CliKeys.readPrivate("--key", key)));
            return 0;
        }
    }
}
