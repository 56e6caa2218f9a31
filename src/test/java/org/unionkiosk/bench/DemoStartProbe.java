// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up and memory of {@code union-kiosk demo --stations N}: process start → "Press Ctrl-C" printed (broker,
 * central, N stations started and the demo admin signed in), resident memory then and after a minute of simulated
 * members at speed 60, and the exit status of SIGINT. Not JMH: it measures a whole process. Arguments: station
 * counts, then JVM flags after "--". Run from the repository (after {@code mvn package -DskipTests}):
 * {@code mvn -q test-compile exec:exec -Dbench.main=org.unionkiosk.bench.DemoStartProbe -Djmh.args="3 20 100 -- -Xmx256m"}
 */
public final class DemoStartProbe {
    private DemoStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> counts = new ArrayList<>();
        List<String> jvm = new ArrayList<>();
        boolean flags = false;
        for (String a : args) {
            if (a.equals("--")) {
                flags = true;
            } else if (flags) {
                jvm.add(a);
            } else {
                counts.add(Integer.parseInt(a));
            }
        }
        System.out.println("| stations | JVM flags | start → ready | RSS at ready | RSS after 60 s | threads | SIGINT exit |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int n : counts) {
            run(n, jvm);
        }
    }

    private static void run(int stations, List<String> jvm) throws Exception {
        Path dir = Files.createTempDirectory("demo-probe-");
        Path out = dir.resolve("out.txt");
        List<String> cmd = new ArrayList<>(List.of("java"));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-jar", Path.of("target/union-kiosk.jar").toAbsolutePath().toString(), "demo",
                "--stations", "" + stations, "--speed", "60", "--start", "12:00", "--port", "0",
                "--data", dir.resolve("data").toString()));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            long deadline = t0 + TimeUnit.MINUTES.toNanos(10);
            while (!Files.readString(out, StandardCharsets.UTF_8).contains("Press Ctrl-C")) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("demo did not start: " + Files.readString(out));
                }
                Thread.sleep(20);
            }
            long readyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            long rssReady = status(p.pid(), "VmRSS");
            Thread.sleep(60_000);
            long rssLater = status(p.pid(), "VmRSS");
            long threads = status(p.pid(), "Threads");
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            int exit = p.waitFor(120, TimeUnit.SECONDS) ? p.exitValue() : -1;
            System.out.printf("| %d | `%s` | %,d ms | %.1f MB | %.1f MB | %d | %d |%n", stations,
                    String.join(" ", jvm), readyMs, rssReady / 1024.0, rssLater / 1024.0, threads, exit);
        } finally {
            p.destroyForcibly();
        }
    }

    /** A field of /proc/PID/status (kB for memory fields). */
    private static long status(long pid, String field) throws Exception {
        Matcher m = Pattern.compile("(?m)^" + field + ":\\s+(\\d+)").matcher(Files.readString(
                Path.of("/proc/" + pid + "/status")));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
