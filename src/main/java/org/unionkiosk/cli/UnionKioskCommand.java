// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one CLI of the product. Exit codes: 0 ok, 64 usage, 78 configuration error, 1 other. */
@Command(name = "union-kiosk", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Controller for 24-hour union stations (工会驿站).",
        subcommands = {RunCommand.class, CentralCommand.class, DemoCommand.class, SelftestCommand.class,
                ProvisionCommand.class,
                BadgeCommand.class, CommandCommand.class, DecodeCommand.class,
                CommandLine.HelpCommand.class})
public final class UnionKioskCommand {
    public static final int EXIT_USAGE = 64;

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new UnionKioskCommand());
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("union-kiosk: " + ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return EXIT_USAGE;
        });
        // A problem the user can fix is one line, never a stack trace.
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            line.getErr().println("union-kiosk: " + (ex instanceof CliException ? ex.getMessage() : ex.toString()));
            return 1;
        });
        return cl;
    }
}
