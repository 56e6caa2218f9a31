// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.cli;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.testing.TestProcesses;

/** The shipped unit keeps its restart guarantees and its hardening (issue 16: exposure 3.8 before). */
@Timeout(value = 60, unit = SECONDS)
class SystemdUnitIT {
    private static final Path UNIT = Path.of("systemd/union-kiosk.service");

    @TempDir
    Path dir;

    @Test
    void unitRestartsOnOutOfMemoryAndOnlyTheMainProcessMayNotify() throws Exception {
        String unit = Files.readString(UNIT);

        assertThat(unit).contains("-XX:+ExitOnOutOfMemoryError", "\nNotifyAccess=main\n", "\nWatchdogSec=",
                "\nRestart=on-failure\n", "\nUMask=0077\n", "\nSystemCallFilter=@system-service\n",
                "\nProtectProc=invisible\n", "\nMemoryMax=", "\nTasksMax=", "\nLimitNOFILE=");
        // Pi4J identifies the board from /proc/cpuinfo and /proc/device-tree.
        assertThat(unit).doesNotContain("ProcSubset=pid");
    }

    @Test
    void systemdRatesTheUnitExposureAtMostTwo() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "systemd-analyze not installed");
        Process p = TestProcesses.start(new ProcessBuilder("systemd-analyze", "security", "--offline=true",
                UNIT.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()));
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(dir.resolve("out.txt"));

        Matcher m = Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isLessThanOrEqualTo(2.0);
    }
}
