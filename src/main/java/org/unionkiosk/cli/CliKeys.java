// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.unionkiosk.protocol.KeyFiles;
import org.unionkiosk.protocol.SigningKey;
import org.unionkiosk.protocol.TrustedKey;

/** Reads key files named on the command line; a bad file becomes one line naming it and what was expected. */
final class CliKeys {
    private CliKeys() {
    }

    static SigningKey readPrivate(String option, Path file) {
        String expected = "an Ed25519 private key in PEM ('-----BEGIN PRIVATE KEY-----', as keygen writes)";
        check(option, file, expected);
        try {
            return KeyFiles.readPrivate(file);
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException(option + " " + file + ": " + message(e) + "; expected " + expected);
        }
    }

    static TrustedKey readPublic(String option, Path file) {
        String expected = "an Ed25519 public key in PEM ('-----BEGIN PUBLIC KEY-----', as keygen writes)";
        check(option, file, expected);
        try {
            return KeyFiles.readPublic(file);
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException(option + " " + file + ": " + message(e) + "; expected " + expected);
        }
    }

    private static void check(String option, Path file, String expected) {
        if (!Files.exists(file)) {
            throw new CliException(option + " " + file + ": no such file; expected " + expected);
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new CliException(option + " " + file + ": not a readable file; expected " + expected);
        }
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
