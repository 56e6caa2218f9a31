// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.unionkiosk.protocol.BadgeScope;
import org.unionkiosk.protocol.Badges;
import org.unionkiosk.protocol.SigningKey;
import org.unionkiosk.station.StationConfigs;
import org.unionkiosk.station.StationProcess;

/**
 * Start-up benchmark: process start → first scan granted, and resident memory, for {@code union-kiosk run} with
 * -Xmx64m on the mock platform. Not JMH: it measures a whole process. Run:
 * {@code mvn -q package -DskipTests && mvn -q exec:exec -Djmh.args=... } — see docs/benchmarks.md.
 */
public final class StartupProbe {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The JVM flags of systemd/union-kiosk.service, less the archive path. */
    static final List<String> JVM = List.of("-Xmx64m", "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        boolean cds = args.length > 1 && "cds".equals(args[1]);
        Path archive = Files.createTempDirectory("cds").resolve("union-kiosk.jsa");
        if (cds) {
            // Training run, as the service does on its first start: dump the class archive at exit.
            measure(1, List.of("-XX:ArchiveClassesAtExit=" + archive));
        }
        List<String> flags = cds ? List.of("-XX:SharedArchiveFile=" + archive) : List.of();
        System.out.printf("JVM flags: %s %s%n", JVM, flags);
        measure(runs, flags);
    }

    private static void measure(int runs, List<String> extraFlags) throws Exception {
        List<Long> startMs = new ArrayList<>();
        List<Long> rssKb = new ArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < runs; i++) {
            Path dir = Files.createTempDirectory("startup");
            SigningKey key = Badges.newKey();
            int port = StationProcess.freePort();
            Path cfg = StationConfigs.write(dir, key, port, StationConfigs.ACCESS);
            Path fifo = dir.resolve("scan.fifo");
            StationProcess.mkfifo(fifo);
            String badge = Badges.issue(key, Badges.card("m-1", Instant.now(), Duration.ofDays(1), BadgeScope.ALL));
            long t0 = System.nanoTime();
            List<String> cmd = new ArrayList<>(List.of("java"));
            cmd.addAll(JVM);
            cmd.addAll(extraFlags);
            cmd.addAll(List.of("-jar", StationProcess.jar().toString(), "run", "-c", cfg.toString()));
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
            try (var out = new FileOutputStream(fifo.toFile())) { // blocks until the scanner opens the FIFO
                out.write((badge + "\n").getBytes(StandardCharsets.UTF_8));
            }
            while (true) {
                try {
                    var s = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/status")).build(), HttpResponse.BodyHandlers.ofString()).body());
                    if ("granted".equals(s.at("/lastDecision/result").asText())) {
                        break;
                    }
                } catch (java.io.IOException notYet) {
                    // HTTP not up yet
                }
                Thread.sleep(5);
            }
            startMs.add((System.nanoTime() - t0) / 1_000_000);
            Thread.sleep(2000);
            for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rssKb.add(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        Collections.sort(startMs);
        Collections.sort(rssKb);
        System.out.printf("runs=%d start-to-first-grant ms: min=%d median=%d max=%d%n", runs, startMs.get(0),
                startMs.get(runs / 2), startMs.get(runs - 1));
        System.out.printf("RSS MB after first grant: min=%.1f median=%.1f max=%.1f%n", rssKb.get(0) / 1024.0,
                rssKb.get(runs / 2) / 1024.0, rssKb.get(runs - 1) / 1024.0);
    }
}
