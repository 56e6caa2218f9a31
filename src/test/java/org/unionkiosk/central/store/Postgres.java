// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL 15 (Debian's {@code postgresql-15}) in a test folder on a free loopback port: initdb, start,
 * one database, and a fast shutdown on {@link #close()} (also from a JVM shutdown hook, so a failed or interrupted
 * test leaves no server behind). As root it runs as the {@code postgres} user, which PostgreSQL requires.
 */
public final class Postgres implements AutoCloseable {
    public static final String BIN = "/usr/lib/postgresql/15/bin";
    private static final String DB = "central";

    private final Path dir;
    private final int port;
    private final Process process;
    private final Thread hook;

    private Postgres(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
        this.hook = new Thread(this::stopQuietly, "postgres-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    public static boolean installed() {
        return Files.isExecutable(Path.of(BIN, "postgres"));
    }

    public static Postgres start(Path parent) throws Exception {
        if (!installed()) {
            throw new IllegalStateException("PostgreSQL 15 not installed: run .ci/install-test-deps");
        }
        Path dir = Files.createDirectories(parent.resolve("pg"));
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            // PostgreSQL refuses to run as root; the postgres user must own the data and be able to reach it.
            run(List.of("chown", "-R", "postgres:postgres", dir.toString()));
            for (Path p = dir.getParent(); p != null; p = p.getParent()) {
                p.toFile().setExecutable(true, false);
            }
        }
        Path data = dir.resolve("data");
        run(as(root, BIN + "/initdb", "-D", data.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                "--locale=C.UTF-8", "--no-sync"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder(as(root, BIN + "/postgres", "-D", data.toString(), "-p", String.valueOf(port),
                "-k", dir.toString(), "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=100"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("postgres.log").toFile()).start();
        Postgres pg = new Postgres(dir, port, p);
        try {
            pg.awaitReady();
            try (Connection c = DriverManager.getConnection(pg.url("postgres"), "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + DB);
            }
            return pg;
        } catch (Exception e) {
            pg.close();
            throw e;
        }
    }

    private static List<String> as(boolean root, String... cmd) {
        List<String> out = new ArrayList<>();
        if (root) {
            out.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        out.addAll(List.of(cmd));
        return out;
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("postgres exited: " + Files.readString(dir.resolve("postgres.log")));
            }
            try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "")) {
                return;
            } catch (SQLException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("postgres did not accept connections on " + port, last);
    }

    public int port() {
        return port;
    }

    /** The JDBC URL of the test database (user postgres, no password). */
    public String jdbcUrl() {
        return url(DB) + "&user=postgres";
    }

    private String url(String db) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + db + "?connectTimeout=5";
    }

    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run.
        }
    }

    private void stopQuietly() {
        try {
            // The postmaster, not runuser: a fast shutdown (SIGINT) disconnects clients and stops at once.
            Path pid = dir.resolve("data/postmaster.pid");
            if (Files.exists(pid)) {
                String first = Files.readAllLines(pid).get(0).strip();
                new ProcessBuilder("kill", "-INT", first).start().waitFor(5, TimeUnit.SECONDS);
            }
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                if (Files.exists(pid)) {
                    new ProcessBuilder("kill", "-KILL", Files.readAllLines(pid).get(0).strip()).start()
                            .waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }
}
