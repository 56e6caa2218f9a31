// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.commands;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What stations accept (docs/mqtt.md), checked before signing so a typo gets a 400 naming the field instead of a
 * refused command. The station checks again; this is for the operator, not for safety.
 */
final class CommandArgs {
    private static final Map<String, Set<String>> ARGS = Map.ofEntries(
            Map.entry("unlock", Set.of("ms")), Map.entry("lockdown", Set.of("on")),
            Map.entry("revoke", Set.of("badge", "member")), Map.entry("unrevoke", Set.of("badge", "member")),
            Map.entry("suspend", Set.of("member")), Map.entry("unsuspend", Set.of("member")),
            Map.entry("trust-keys", Set.of("badgeAdd", "badgeRemove", "commandAdd", "commandRemove")),
            Map.entry("config", Set.of("capacity", "openingHours", "language")), Map.entry("rebirth", Set.of()),
            Map.entry("open-locker", Set.of("locker")), Map.entry("release-locker", Set.of("locker")),
            Map.entry("block-locker", Set.of("locker")), Map.entry("unblock-locker", Set.of("locker")));
    private static final Pattern VALUE = Pattern.compile("[\\p{L}\\p{N} _.,:/+=@-]{0,512}");

    private CommandArgs() {
    }

    static void check(String name, Map<String, String> args) {
        Set<String> allowed = ARGS.get(name);
        if (allowed == null) {
            throw new CommandException(CommandException.Kind.BAD_REQUEST, "name", "unknown command '" + name
                    + "': one of " + new java.util.TreeSet<>(ARGS.keySet()));
        }
        for (var e : args.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw new CommandException(CommandException.Kind.BAD_REQUEST, "args." + e.getKey(),
                        "command " + name + " takes " + (allowed.isEmpty() ? "no arguments" : allowed));
            }
            if (e.getValue() == null || !VALUE.matcher(e.getValue()).matches()) {
                throw new CommandException(CommandException.Kind.BAD_REQUEST, "args." + e.getKey(),
                        "must be up to 512 letters, digits, spaces or _.,:/+=@-");
            }
        }
        if ((name.equals("revoke") || name.equals("unrevoke")) && args.size() != 1) {
            throw new CommandException(CommandException.Kind.BAD_REQUEST, "args", name + " takes badge or member");
        }
        if (name.endsWith("suspend") && !args.containsKey("member")) {
            throw new CommandException(CommandException.Kind.BAD_REQUEST, "args.member", "is required");
        }
    }
}
