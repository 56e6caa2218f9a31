// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.telemetry;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.unionkiosk.station.StationProcess;
import org.unionkiosk.testing.TestProcesses;

/** A real Mosquitto 2 broker (Debian's) on a free loopback port, which tests can stop and start again. */
public final class Mosquitto implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final String extraConfig;
    private Process process;

    private Mosquitto(Path dir, int port, String extraConfig) {
        this.dir = dir;
        this.port = port;
        this.extraConfig = extraConfig;
    }

    public static String binary() {
        for (String p : new String[] {"/usr/sbin/mosquitto", "/usr/bin/mosquitto"}) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        throw new IllegalStateException("mosquitto not installed: run .ci/install-test-deps");
    }

    /** Anonymous access unless {@code extraConfig} says otherwise (it is appended after the listener line). */
    public static Mosquitto start(Path dir, String extraConfig) throws Exception {
        Mosquitto m = new Mosquitto(dir, StationProcess.freePort(), extraConfig);
        m.start();
        return m;
    }

    public void start() throws Exception {
        Path conf = dir.resolve("mosquitto.conf");
        String auth = extraConfig.contains("allow_anonymous") ? "" : "allow_anonymous true\n";
        Files.writeString(conf, "listener " + port + " 127.0.0.1\n" + auth + "persistence true\npersistence_location " + dir + "/\nautosave_interval 1\n"
                // As root, mosquitto would switch to user 'mosquitto', which cannot write the test's directory.
                + "user " + System.getProperty("user.name") + "\n"
                + "max_inflight_messages 0\nmax_queued_messages 100000\n" + extraConfig);
        process = TestProcesses.start(new ProcessBuilder(binary(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("mosquitto exited: " + Files.readString(dir.resolve("mosquitto.log")));
                }
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("mosquitto did not listen on " + port);
    }

    public void stop() throws InterruptedException {
        if (process != null) {
            TestProcesses.stop(process, 10);
            process = null;
        }
    }

    /** The broker's process id, for {@code kill -HUP} (reload password and ACL files, as systemctl reload does). */
    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
