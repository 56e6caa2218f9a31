// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.central.CentralFiles;
import org.unionkiosk.central.CentralProcess;
import org.unionkiosk.central.Sql;

/** {@code union-kiosk central} from the built jar: configuration errors, and the first user. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CentralCommandIT {
    @TempDir
    Path dir;

    private int run(Path out, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", CentralProcess.jar().toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    @Test
    void aBadConfigExits78NamingEveryKeyBeforeOpeningAnything() throws Exception {
        Path cfg = dir.resolve("central.yaml");
        Files.writeString(cfg, "instance: x\nhttp: {port: -1}\nmqtt: {url: 'mqtt://x'}\ndatabase: {url: 'jdbc:sqlite:"
                + dir.resolve("c.db") + "'}\n");
        Path out = dir.resolve("out.txt");

        int rc = run(out, "central", "-c", cfg.toString());

        assertThat(rc).isEqualTo(78);
        assertThat(Files.readString(out)).contains("http.port: must be a whole number 0..65535, was -1")
                .contains("mqtt.url: must be tcp://HOST:PORT").contains("secrets.commandKeyFile: is required");
        assertThat(dir.resolve("c.db")).doesNotExist();
    }

    @Test
    void addsTheFirstAdminWithThePasswordFromAFileNeverAnArgument() throws Exception {
        CentralFiles files = new CentralFiles(dir);
        String db = "jdbc:sqlite:" + dir.resolve("users.db");
        Path cfg = files.config("cli", "tcp://127.0.0.1:1", db, "");
        Files.writeString(dir.resolve("pw"), "a-long-enough-password\n");
        Path out = dir.resolve("out.txt");

        int first = run(out, "central", "-c", cfg.toString(), "user", "add", "--role", "admin", "--password-file",
                dir.resolve("pw").toString(), "root-admin");
        int again = run(out, "central", "-c", cfg.toString(), "user", "add", "--role", "admin", "--password-file",
                dir.resolve("pw").toString(), "root-admin");
        int noTerminal = run(dir.resolve("out2.txt"), "central", "-c", cfg.toString(), "user", "add", "--role",
                "viewer", "someone");

        assertThat(first).isEqualTo(0);
        assertThat(again).isEqualTo(64);
        assertThat(Files.readString(out)).contains("exists already");
        assertThat(noTerminal).isEqualTo(64);
        assertThat(Files.readString(dir.resolve("out2.txt"))).contains("--password-file");
        assertThat(Sql.text(db, "SELECT role FROM users WHERE name = 'root-admin'")).isEqualTo("admin");
        assertThat(Sql.text(db, "SELECT password_hash FROM users WHERE name = 'root-admin'")).startsWith("$argon2id$");
    }
}
