// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import org.unionkiosk.protocol.KeyFiles;
import org.unionkiosk.protocol.SigningKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * An Ed25519 key pair in PEM: the union's badge signing key ({@code badge keygen}) or central's command key
 * ({@code command keygen}). Never overwrites a key unless told to: a lost badge key invalidates every badge.
 */
@Command(name = "keygen", mixinStandardHelpOptions = true, description = "Make an Ed25519 key pair (PEM, as "
        + "openssl genpkey -algorithm ed25519 writes). Refuses to overwrite an existing file unless --force.")
final class KeygenCommand implements Callable<Integer> {
    @Option(names = "--private", required = true, description = "Private key file to write (mode 600)")
    Path privateFile;
    @Option(names = "--public", required = true, description = "Public key file to write (what stations trust)")
    Path publicFile;
    @Option(names = "--force", description = "Overwrite existing key files")
    boolean force;

    @Override
    public Integer call() throws IOException {
        for (Path p : new Path[] {privateFile, publicFile}) {
            if (Files.exists(p) && !force) {
                System.err.println("union-kiosk: " + p + " exists; not overwriting a key (badges or commands signed "
                        + "with it would stop verifying). Use --force to replace it.");
                return 1;
            }
        }
        SigningKey key = SigningKey.generate(new SecureRandom());
        KeyFiles.writePrivate(privateFile, key);
        KeyFiles.writePublic(publicFile, key.publicKey());
        System.out.println("kid " + key.publicKey().kidHex());
        return 0;
    }
}
