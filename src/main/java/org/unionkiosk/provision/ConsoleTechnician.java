// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.provision;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;

/**
 * A technician at the terminal: instructions printed, answers read as lines ({@code y}/{@code n}). End of input
 * means nobody is answering any more; the outputs are then reported as driven but not confirmed. Without an input
 * ({@code --non-interactive}) it only prints.
 */
public final class ConsoleTechnician implements Technician {
    private final BufferedReader in;
    private final PrintStream out;
    private boolean gone;

    /** {@code in} null: nobody answers. */
    public ConsoleTechnician(BufferedReader in, PrintStream out) {
        this.in = in;
        this.out = out;
        this.gone = in == null;
    }

    @Override
    public void tell(String text) {
        out.println(text);
        out.flush();
    }

    @Override
    public Optional<Boolean> confirm(String question) {
        while (!gone) {
            out.print(question + " [y/n] ");
            out.flush();
            String line;
            try {
                line = in.readLine();
            } catch (IOException e) {
                line = null;
            }
            if (line == null) {
                gone = true;
                out.println();
                break;
            }
            String a = line.strip().toLowerCase();
            if (a.equals("y") || a.equals("yes")) {
                return Optional.of(true);
            }
            if (a.equals("n") || a.equals("no")) {
                return Optional.of(false);
            }
        }
        return Optional.empty();
    }
}
