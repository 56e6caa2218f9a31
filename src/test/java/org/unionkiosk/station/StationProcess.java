// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.unionkiosk.testing.TestProcesses;

/** A {@code union-kiosk run} process started from the built jar, with its FIFO and HTTP port. */
public final class StationProcess implements AutoCloseable {
    private final Process process;
    private final Path fifo;
    private final int port;
    private final Path log;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private StationProcess(Process process, Path fifo, int port, Path log) {
        this.process = process;
        this.fifo = fifo;
        this.port = port;
        this.log = log;
    }

    public static Path jar() {
        Path jar = Path.of(System.getProperty("unionkiosk.jar", "target/union-kiosk.jar"));
        if (!jar.toFile().isFile()) {
            throw new IllegalStateException(jar + " missing: run 'mvn verify' (integration tests need the jar)");
        }
        return jar;
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public static void mkfifo(Path p) throws IOException, InterruptedException {
        int rc = TestProcesses.start(new ProcessBuilder("mkfifo", p.toString()).inheritIO()).waitFor();
        if (rc != 0) {
            throw new IOException("mkfifo " + p + " failed: " + rc);
        }
    }

    /** Runs {@code union-kiosk args...} to completion; returns exit code, output in {@code out}. */
    public static int runCli(Path out, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("java", "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        Process p = TestProcesses.start(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()));
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("union-kiosk " + String.join(" ", args) + " did not finish");
        }
        return p.exitValue();
    }

    /** Starts a station on {@code config} (whose scanner FIFO is {@code fifo}); waits until /health answers. */
    public static StationProcess start(Path config, Path fifo, int port, String... jvmArgs) throws Exception {
        Path log = config.resolveSibling("station.log");
        // The unit's heap and its exit on OutOfMemoryError (systemd then restarts the station at once).
        // Working directory: the config's, so files planted beside it show whether the station serves any of them.
        List<String> cmd = new java.util.ArrayList<>(List.of("java", "-Xmx64m", "-XX:+ExitOnOutOfMemoryError"));
        cmd.addAll(List.of(jvmArgs));
        cmd.addAll(List.of("-jar", jar().toAbsolutePath().toString(), "run", "-c",
                config.toAbsolutePath().toString()));
        Process p = TestProcesses.start(new ProcessBuilder(cmd).directory(config.toAbsolutePath().getParent()
                .toFile()).redirectErrorStream(true).redirectOutput(log.toFile()));
        StationProcess sp = new StationProcess(p, fifo, port, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("station exited " + p.exitValue() + ": " + sp.log());
            }
            try {
                if (sp.get("/health").statusCode() == 200) {
                    return sp;
                }
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        sp.close();
        throw new IllegalStateException("station did not come up: " + sp.log());
    }

    public void scan(String text) throws IOException {
        try (OutputStream out = new FileOutputStream(fifo.toFile())) {
            out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public String log() {
        try {
            return java.nio.file.Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Sends SIGTERM, as systemd stops the service, and returns the exit status. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("station did not stop within 20 s of SIGTERM: " + log());
        }
        return process.exitValue();
    }

    /** kill -9: no shutdown code runs, as at a power cut. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    public Process process() {
        return process;
    }

    @Override
    public void close() throws InterruptedException {
        TestProcesses.stop(process, 10);
    }
}
