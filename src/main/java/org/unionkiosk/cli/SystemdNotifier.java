// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.cli;

import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells systemd (Type=notify, NotifyAccess=all) that the station is ready, then pets the watchdog at half its
 * period. JDK 17 cannot send on a Unix datagram socket, so this uses the {@code systemd-notify} tool, on a worker
 * thread. Does nothing outside systemd.
 */
final class SystemdNotifier {
    private static final Logger log = LoggerFactory.getLogger(SystemdNotifier.class);

    private SystemdNotifier() {
    }

    static void ready(Vertx vertx) {
        if (System.getenv("NOTIFY_SOCKET") == null) {
            return;
        }
        notify(vertx, "--ready");
        String usec = System.getenv("WATCHDOG_USEC");
        if (usec != null) {
            long periodMs = Math.max(1000, Long.parseLong(usec) / 2000);
            // The timer runs on an event loop: a stalled loop stops the pings and systemd restarts us.
            vertx.setPeriodic(periodMs, t -> notify(vertx, "WATCHDOG=1"));
        }
    }

    private static void notify(Vertx vertx, String arg) {
        vertx.executeBlocking(() -> {
            Process p = new ProcessBuilder("systemd-notify", "--pid=" + ProcessHandle.current().pid(), arg)
                    .redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroy();
            }
            return p.exitValue();
        }).onFailure(e -> log.warn("systemd-notify {} failed: {}", arg, e.toString()));
    }
}
