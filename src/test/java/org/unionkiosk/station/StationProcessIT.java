// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.protocol.BadgeScope;
import org.unionkiosk.protocol.Badges;
import org.unionkiosk.protocol.SigningKey;

/**
 * The station as a user meets it: {@code union-kiosk run} on the mock platform, fed through its FIFO, observed
 * through /status (which reads the relay's real Pi4J output state) and its SQLite file.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StationProcessIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Sample(long atMs, boolean energised, JsonNode status) {
    }

    /** Polls /status for {@code ms}, recording the relay state each time. */
    private static List<Sample> watch(StationProcess st, long ms) throws Exception {
        List<Sample> out = new ArrayList<>();
        long start = System.nanoTime();
        while ((System.nanoTime() - start) / 1_000_000 < ms) {
            JsonNode s = JSON.readTree(st.get("/status").body());
            out.add(new Sample((System.nanoTime() - start) / 1_000_000, s.at("/lock/energised").asBoolean(), s));
            Thread.sleep(20);
        }
        return out;
    }

    private static List<String> events(Path db, String type) throws Exception {
        List<String> out = new ArrayList<>();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db);
             var ps = c.prepareStatement("SELECT body FROM events WHERE type = ? ORDER BY seq")) {
            ps.setString(1, type);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static List<String> types(Path db) throws Exception {
        List<String> out = new ArrayList<>();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db);
             var rs = c.createStatement().executeQuery("SELECT type FROM events ORDER BY seq")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void issuedBadgeOpensTheDoorForTheConfiguredTimeAndForgedOneDoesNot() throws Exception {
        SigningKey union = Badges.newKey();
        int port = StationProcess.freePort();
        Path cfg = StationConfigs.write(dir, union, port, StationConfigs.ACCESS);
        Path fifo = dir.resolve("scan.fifo");
        StationProcess.mkfifo(fifo);
        String genuine = Badges.issue(union, Badges.card("m-1001", java.time.Instant.now(), Duration.ofDays(30),
                BadgeScope.parse("site:demo-site")));
        String forged = Badges.issue(Badges.newKey(), Badges.card("m-1001", java.time.Instant.now(),
                Duration.ofDays(30), BadgeScope.ALL));

        try (StationProcess st = StationProcess.start(cfg, fifo, port)) {
            assertThat(JSON.readTree(st.get("/status").body()).at("/lock/energised").asBoolean()).isFalse();

            st.scan(genuine);
            List<Sample> open = watch(st, 2500);

            List<Sample> energised = open.stream().filter(Sample::energised).toList();
            assertThat(energised).as(st.log()).isNotEmpty();
            long heldMs = energised.get(energised.size() - 1).atMs() - energised.get(0).atMs();
            assertThat(heldMs).as("relay held for the configured 1000 ms").isBetween(700L, 1300L);
            assertThat(open.get(open.size() - 1).energised()).isFalse();
            JsonNode last = open.get(open.size() - 1).status();
            assertThat(last.at("/lastDecision/result").asText()).isEqualTo("granted");
            assertThat(last.at("/lastDecision/message").asText()).isEqualTo("欢迎！门已打开");
            assertThat(events(dir.resolve("data/station.db"), "access.granted")).singleElement()
                    .satisfies(b -> assertThat(b).contains("\"member\":\"m-1001\"").doesNotContain("UK1:"));
            assertThat(types(dir.resolve("data/station.db"))).as("seq follows cause and effect")
                    .containsSubsequence("access.granted", "door.unlocked", "door.locked");

            st.scan(forged);
            List<Sample> refused = watch(st, 1500);

            assertThat(refused).noneMatch(Sample::energised);
            JsonNode after = refused.get(refused.size() - 1).status();
            assertThat(after.at("/lastDecision/result").asText()).isEqualTo("denied");
            assertThat(after.at("/lastDecision/reason").asText()).isEqualTo("unknown_key");
            assertThat(events(dir.resolve("data/station.db"), "access.denied")).singleElement()
                    .satisfies(b -> assertThat(b).contains("\"reason\":\"unknown_key\""));

            st.scan("x".repeat(10_000));
            st.scan("");
            st.scan("UK1:" + genuine.substring(4, 60));
            List<Sample> garbage = watch(st, 800);
            assertThat(garbage).noneMatch(Sample::energised);
            assertThat(st.process().isAlive()).isTrue();
            assertThat(events(dir.resolve("data/station.db"), "access.denied")).hasSize(2);
        }
    }

    @Test
    void brokenConfigExitsWith78NamingTheKeyBeforeTouchingHardware() throws Exception {
        Path cfg = StationConfigs.write(dir, Badges.newKey(), 0, "access: {trustedKeys: [nope.pub]}\n");
        Files.writeString(cfg, Files.readString(cfg).replace("bcm: 17", "bcm: 40"));
        Path out = dir.resolve("out.txt");

        int rc = StationProcess.runCli(out, "run", "-c", cfg.toString());

        assertThat(rc).isEqualTo(78);
        assertThat(Files.readString(out)).contains("door.lock.bcm: must be a whole number 0..27, was 40")
                .contains("access.trustedKeys[0]: cannot read").doesNotContain("Exception");
    }

    @Test
    void sigtermStopsCleanlyWithExitZeroAndTheNextStartTellsACleanEndFromAnUncleanOne() throws Exception {
        int port = StationProcess.freePort();
        Path cfg = StationConfigs.write(dir, Badges.newKey(), port, StationConfigs.ACCESS);
        Path fifo = dir.resolve("scan.fifo");
        StationProcess.mkfifo(fifo);
        Path db = dir.resolve("data/station.db");
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        String tmpdir = "-Djava.io.tmpdir=" + tmp;

        StationProcess first = StationProcess.start(cfg, fifo, port, tmpdir);
        int rc = first.terminate();

        assertThat(rc).as(first.log()).isZero();
        assertThat(types(db)).containsSubsequence("station.started", "station.stopped");
        assertThat(events(db, "station.started")).singleElement()
                .satisfies(b -> assertThat(b).contains("\"previous\":\"unknown\""));

        StationProcess second = StationProcess.start(cfg, fifo, port, tmpdir);
        second.kill();
        StationProcess third = StationProcess.start(cfg, fifo, port, tmpdir);
        third.terminate();

        List<String> starts = events(db, "station.started");
        assertThat(starts).hasSize(3);
        assertThat(starts.get(1)).contains("\"previous\":\"clean\"");
        assertThat(starts.get(2)).contains("\"previous\":\"unclean\"");
        try (var files = Files.list(tmp)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("nothing unpacked into java.io.tmpdir")
                    .noneMatch(n -> n.contains("sqlite"));
        }
        try (var files = Files.walk(dir.resolve("data/native"))) {
            assertThat(files.filter(Files::isRegularFile)).as("native library unpacked once, in the data folder")
                    .singleElement().satisfies(f -> assertThat(f.getFileName().toString()).contains("sqlitejdbc"));
        }
    }

    @Test
    void aSecondStationOnTheSameDataFolderRefusesToStart() throws Exception {
        int port = StationProcess.freePort();
        Path cfg = StationConfigs.write(dir, Badges.newKey(), port, StationConfigs.ACCESS);
        Path fifo = dir.resolve("scan.fifo");
        StationProcess.mkfifo(fifo);
        Path otherPort = dir.resolve("kiosk-8081.yaml");
        Files.writeString(otherPort, Files.readString(cfg).replace("port: " + port,
                "port: " + StationProcess.freePort()));
        Path out = dir.resolve("second.txt");

        try (StationProcess first = StationProcess.start(cfg, fifo, port)) {
            int rc = StationProcess.runCli(out, "run", "-c", otherPort.toString());

            assertThat(rc).isEqualTo(1);
            assertThat(Files.readString(out)).contains("union-kiosk: station failed to start: data folder ")
                    .contains("is in use by another station process (pid " + first.process().pid() + ")")
                    .doesNotContain("Exception");
            assertThat(first.process().isAlive()).isTrue();
            assertThat(first.get("/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aBusyHttpPortIsNotAConfigurationErrorButExitStatusOne() throws Exception {
        try (var busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Path cfg = StationConfigs.write(dir, Badges.newKey(), busy.getLocalPort(), StationConfigs.ACCESS);
            StationProcess.mkfifo(dir.resolve("scan.fifo"));
            Path out = dir.resolve("out.txt");

            int rc = StationProcess.runCli(out, "run", "-c", cfg.toString());

            assertThat(rc).isEqualTo(1);
            assertThat(Files.readString(out)).contains("HTTP port " + busy.getLocalPort() + " on 127.0.0.1 is in use");
        }
    }
}
