// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.cli;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.station.StationProcess;
import org.unionkiosk.testing.TestProcesses;

/** Key files get their modes from the tool, not from the caller's umask (a umask is per process). */
@Timeout(value = 60, unit = SECONDS)
class BadgeKeygenIT {
    @TempDir
    Path dir;

    @Test
    void writesKeysWithExplicitModesUnderALaxUmask() throws Exception {
        Path priv = dir.resolve("union.key");
        Path pub = dir.resolve("union.pub");
        Files.writeString(priv, "old"); // an existing file (--force) is replaced, not reused with its mode
        Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rw-rw-rw-"));
        Process p = TestProcesses.start(new ProcessBuilder("sh", "-c", "umask 000 && exec java -jar \"$0\" badge keygen --force --private "
                + "\"$1\" --public \"$2\"", StationProcess.jar().toAbsolutePath().toString(), priv.toString(),
                pub.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()));
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(Files.readString(dir.resolve("out.txt"))).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(priv))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pub))).isEqualTo("rw-r--r--");
    }
}
