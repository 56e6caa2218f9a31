// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one CLI of the product; each subcommand is its own class. */
@Command(name = "union-kiosk", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Controller for 24-hour union stations.",
        subcommands = {CommandLine.HelpCommand.class})
public final class UnionKioskCommand {

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    static CommandLine newCommandLine() {
        return new CommandLine(new UnionKioskCommand());
    }
}
