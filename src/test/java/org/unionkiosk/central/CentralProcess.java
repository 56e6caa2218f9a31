// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A {@code union-kiosk central} process from the built jar, which a test can kill -9, pause and resume. */
public final class CentralProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Path config;
    private final Path log;
    private final int port;
    private Process process;

    public CentralProcess(Path config, int port) {
        this.config = config;
        this.port = port;
        this.log = config.resolveSibling(config.getFileName() + ".log");
    }

    public static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public static Path jar() {
        Path jar = Path.of(System.getProperty("unionkiosk.jar", "target/union-kiosk.jar"));
        if (!jar.toFile().isFile()) {
            throw new IllegalStateException(jar + " missing: run 'mvn verify' (integration tests need the jar)");
        }
        return jar;
    }

    /** Starts and waits until /health reports the broker connected. */
    public CentralProcess start() throws Exception {
        process = new ProcessBuilder("java", "-Xmx256m", "-jar", jar().toString(), "central", "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("central exited " + process.exitValue() + ": " + Files.readString(log));
            }
            try {
                if (get("/health").contains("\"broker\":\"connected\"")) {
                    return this;
                }
            } catch (Exception notYet) {
                // Still starting.
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("central did not become healthy: " + Files.readString(log));
    }

    public String get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** SIGKILL: no shutdown hook, no clean disconnect, whatever was uncommitted is lost by the process. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    public void pause() throws Exception {
        signal("STOP");
    }

    public void resume() throws Exception {
        signal("CONT");
    }

    private void signal(String sig) throws Exception {
        new ProcessBuilder("kill", "-" + sig, String.valueOf(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
    }

    public String log() throws Exception {
        return Files.readString(log);
    }

    @Override
    public void close() throws Exception {
        if (process != null) {
            signal("CONT");
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            process = null;
        }
    }
}
