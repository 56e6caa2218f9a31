// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.provision;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The clock (NTP-synchronised: the Pi has no real-time clock) and the free space in the data folder. */
final class SystemChecks {
    static final long MIN_FREE_MB = 200;

    private SystemChecks() {
    }

    /** The marker systemd-timesyncd writes, as the station reads it; else what timedatectl says. */
    static CheckResult clock(Path syncFile) {
        String what = "clock";
        if (Files.exists(syncFile)) {
            return CheckResult.pass("access.clockSyncFile", what, "synchronised (" + syncFile + ")");
        }
        String ntp = timedatectl();
        if ("yes".equals(ntp)) {
            return CheckResult.pass("access.clockSyncFile", what, "synchronised (timedatectl)");
        }
        return CheckResult.fail("access.clockSyncFile", what, "not synchronised (no " + syncFile
                + (ntp == null ? "; timedatectl not available)" : "; timedatectl NTPSynchronized=" + ntp + ")"),
                "badges are refused (clock_unsynced) until the clock is set: check the network and "
                        + "'timedatectl timesync-status'; enable systemd-timesyncd");
    }

    private static String timedatectl() {
        try {
            Process p = new ProcessBuilder("timedatectl", "show", "-p", "NTPSynchronized", "--value")
                    .redirectErrorStream(true).start();
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    return "no answer";
                }
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                return p.exitValue() == 0 ? out : "unknown";
            } finally {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    static CheckResult disk(Path dataDir) {
        String what = "disk space (" + dataDir + ")";
        try {
            long freeMb = Files.getFileStore(dataDir).getUsableSpace() / (1024 * 1024);
            if (freeMb < MIN_FREE_MB) {
                return CheckResult.fail("station.dataDir", what, freeMb + " MB free (needs " + MIN_FREE_MB + ")",
                        "free space: 'journalctl --vacuum-size=100M', remove old files, or use a larger SD card");
            }
            return CheckResult.pass("station.dataDir", what, freeMb + " MB free");
        } catch (IOException e) {
            return CheckResult.fail("station.dataDir", what, e.getMessage(), "create " + dataDir
                    + " owned by union-kiosk, or fix station.dataDir");
        }
    }
}
