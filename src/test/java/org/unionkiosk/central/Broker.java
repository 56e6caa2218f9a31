// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Mosquitto 2 on a free loopback port, with the queue and in-flight limits of the repository's sample
 * broker config (firmware-config/mosquitto/mosquitto.conf), so the tests prove the sample, persistent (a restart
 * keeps central's queued session), restartable.
 */
public final class Broker implements AutoCloseable {
    private final Path dir;
    private final int port;
    private Process process;

    private Broker(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static Broker start(Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Broker b = new Broker(Files.createDirectories(dir), port);
        b.start();
        return b;
    }

    /** The limit lines of the sample config: what a deployment runs with. */
    static String sampleLimits() throws IOException {
        Path sample = Path.of("firmware-config/mosquitto/mosquitto.conf");
        List<String> keep = List.of("max_queued_messages", "max_queued_bytes", "max_inflight_messages",
                "message_size_limit");
        return Files.readAllLines(sample).stream().filter(l -> keep.stream().anyMatch(l::startsWith))
                .collect(Collectors.joining("\n")) + "\n";
    }

    public void start() throws Exception {
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence true\n"
                + "persistence_location " + dir + "/\nautosave_interval 1\n"
                // As root, mosquitto would switch to user 'mosquitto', which cannot write the test's folder.
                + "user " + System.getProperty("user.name") + "\n" + sampleLimits());
        String bin = Files.isExecutable(Path.of("/usr/sbin/mosquitto")) ? "/usr/sbin/mosquitto" : "mosquitto";
        process = new ProcessBuilder(bin, "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile())).start();
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

    /** A clean stop: Mosquitto writes its persistence file, so queued messages survive the restart. */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            process = null;
        }
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
