// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.protocol.Badges;
import org.unionkiosk.protocol.KeyFiles;

class CommandCommandTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out) {
    }

    private static Run run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int rc = UnionKioskCommand.newCommandLine().execute(args);
            return new Run(rc, buf.toString(StandardCharsets.UTF_8).trim());
        } finally {
            System.setOut(old);
        }
    }

    private Path key() throws Exception {
        Path key = dir.resolve("central.key");
        KeyFiles.writePrivate(key, Badges.newKey());
        return key;
    }

    @Test
    void signRefusesALifetimeOverTenMinutes() throws Exception {
        Path key = key();

        Run forever = run("command", "sign", "--key", key.toString(), "--station", "sz/st-1", "--name", "unlock",
                "--ttl", "90000000h");
        Run eleven = run("command", "sign", "--key", key.toString(), "--station", "sz/st-1", "--name", "unlock",
                "--ttl", "11m");

        assertThat(forever.exit()).isEqualTo(64);
        assertThat(forever.out()).isEmpty();
        assertThat(eleven.exit()).isEqualTo(64);
    }

    @Test
    void signAcceptsTenMinutesAndWritesThatLifetime() throws Exception {
        Run ten = run("command", "sign", "--key", key().toString(), "--station", "sz/st-1", "--name", "unlock",
                "--ttl", "10m");

        assertThat(ten.exit()).isZero();
        var env = new ObjectMapper().readTree(ten.out());
        var body = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(env.get("body").asText()));
        assertThat(body.get("exp").asLong() - body.get("iat").asLong()).isEqualTo(600);
    }
}
