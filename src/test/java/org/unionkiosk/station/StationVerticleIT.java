// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import io.vertx.core.Vertx;
import java.io.FileOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.protocol.BadgeScope;
import org.unionkiosk.protocol.Badges;
import org.unionkiosk.protocol.SigningKey;
import org.unionkiosk.station.config.ConfigLoader;
import org.unionkiosk.station.config.StationConfig;

/** The whole station in-process on Pi4J's mock platform: badge, relay, door contact, occupancy, restart. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StationVerticleIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    private final SigningKey key = Badges.newKey();
    private Vertx vertx;
    private Context pi4j;
    private StationMain main;
    private int port;
    private Clock clock = Clock.systemDefaultZone();

    @AfterEach
    void tearDown() throws Exception {
        stop();
    }

    private void start() throws Exception {
        start(1_000_000);
    }

    private void start(int maxCodesPerSecond) throws Exception {
        start(maxCodesPerSecond, "");
    }

    /** {@code extraScanner}: one more YAML list item appended to scanners. */
    private void start(int maxCodesPerSecond, String extraScanner) throws Exception {
        Path cfgFile = StationConfigs.write(dir, key, 0, StationConfigs.ACCESS);
        String yaml = java.nio.file.Files.readString(cfgFile)
                .replace("maxCodesPerSecond: 1000000", "maxCodesPerSecond: " + maxCodesPerSecond);
        if (!extraScanner.isEmpty()) {
            yaml = yaml.replace("maxCodesPerSecond: " + maxCodesPerSecond + "}\n",
                    "maxCodesPerSecond: " + maxCodesPerSecond + "}\n  - " + extraScanner + "\n");
        }
        java.nio.file.Files.writeString(cfgFile, yaml);
        if (!dir.resolve("scan.fifo").toFile().exists()) {
            StationProcess.mkfifo(dir.resolve("scan.fifo"));
        }
        StationConfig cfg = ConfigLoader.load(cfgFile);
        vertx = Vertx.vertx();
        pi4j = MockPi4j.newContext();
        main = new StationMain(vertx, pi4j);
        port = main.start(cfg, clock).await(10, SECONDS).port();
        MockPi4j.set(pi4j, "exit-button", true);
    }

    private void stop() throws Exception {
        if (main != null) {
            main.stop().await(5, SECONDS);
            vertx.close().await(5, SECONDS);
            main = null;
        }
    }

    private void scan(String text) throws Exception {
        try (var out = new FileOutputStream(dir.resolve("scan.fifo").toFile())) {
            out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private JsonNode status() throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/status"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private String badge(String member) {
        return Badges.issue(key, Badges.card(member, Instant.now(), Duration.ofDays(1), BadgeScope.ALL));
    }

    private DigitalState relay() {
        return MockPi4j.output(pi4j, "door-lock").state();
    }

    private void walkThrough() throws Exception {
        await().atMost(Duration.ofSeconds(2)).until(() -> relay() == DigitalState.HIGH);
        MockPi4j.set(pi4j, "door-contact", true);
        await().until(() -> "open".equals(status().path("door").asText()));
        MockPi4j.set(pi4j, "door-contact", false);
        await().until(() -> relay() == DigitalState.LOW);
    }

    @Test
    void countsEntriesAndExitsRefusesWhenFullAndKeepsTheCountAcrossRestart() throws Exception {
        start();

        scan(badge("m-1"));
        walkThrough();
        scan(badge("m-2"));
        walkThrough();
        assertThat(status().at("/occupancy/inside").asInt()).isEqualTo(2);

        scan(badge("m-3"));
        await().until(() -> "full".equals(status().at("/lastDecision/reason").asText()));
        assertThat(relay()).isEqualTo(DigitalState.LOW);

        MockPi4j.set(pi4j, "exit-button", false);
        MockPi4j.set(pi4j, "exit-button", true);
        walkThrough();
        assertThat(status().at("/occupancy/inside").asInt()).isEqualTo(1);

        stop();
        start();

        assertThat(status().at("/occupancy/inside").asInt()).isEqualTo(1);
        assertThat(status().path("door").asText()).isEqualTo("locked");
    }

    @Test
    void floodingScannerIsReportedDroppedAndRestarted() throws Exception {
        start(5);

        try (var out = new FileOutputStream(dir.resolve("scan.fifo").toFile())) {
            for (int i = 0; i < 50; i++) {
                out.write(("flood-" + i + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }

        await().until(() -> status().path("problems").toString().contains("flooding"));
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/station.db"));
             var rs = c.createStatement().executeQuery(
                     "SELECT (SELECT count(*) FROM events WHERE type = 'scanner.fault'), "
                             + "(SELECT count(*) FROM events WHERE type = 'access.denied')")) {
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(rs.getInt(2)).isEqualTo(5);
        }
        // Restarted after the backoff: the reader takes codes again.
        await().atMost(Duration.ofSeconds(5)).until(() -> !status().path("problems").toString().contains("flood"));
        scan(badge("m-9"));
        await().until(() -> "granted".equals(status().at("/lastDecision/result").asText()));
    }

    @Test
    void aBadgeShownToTheCameraOpensTheDoorLikeAScannedOne() throws Exception {
        String text = badge("m-cam");
        // Like a hand holding a card up to the lens: the code at a few sizes and places over successive frames.
        var frames = new java.io.ByteArrayOutputStream();
        int[][] placements = {{400, 120, 40}, {320, 160, 80}, {440, 100, 20}, {360, 200, 60}};
        for (int[] p : placements) {
            var m = new com.google.zxing.qrcode.QRCodeWriter().encode(text, com.google.zxing.BarcodeFormat.QR_CODE,
                    p[0], p[0], java.util.Map.of(com.google.zxing.EncodeHintType.MARGIN, 4));
            var img = new java.awt.image.BufferedImage(640, 480, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
            var g = img.createGraphics();
            g.setColor(java.awt.Color.GRAY);
            g.fillRect(0, 0, 640, 480);
            g.drawImage(com.google.zxing.client.j2se.MatrixToImageWriter.toBufferedImage(m), p[1], p[2], null);
            g.dispose();
            byte[] yuv = new byte[640 * 480 * 3 / 2];
            img.getRaster().getDataElements(0, 0, 640, 480, yuv);
            frames.writeBytes(yuv);
        }
        java.nio.file.Files.write(dir.resolve("frames.yuv"), frames.toByteArray());

        start(1_000_000, "{id: cam, type: camera, role: entry, source: command, command: \"sleep 1; for i in 1 2 3; do cat "
                + dir.resolve("frames.yuv") + "; sleep 0.2; done; sleep 60\", width: 640, height: 480}");

        await().atMost(Duration.ofSeconds(10)).until(() -> relay() == DigitalState.HIGH);
        assertThat(status().at("/lastDecision/result").asText()).isEqualTo("granted");
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/station.db"));
             var rs = c.createStatement().executeQuery("SELECT body FROM events WHERE type = 'access.granted'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).contains("\"scanner\":\"cam\"", "\"member\":\"m-cam\"");
        }
    }

    /** The system clock plus an offset the test moves, as NTP stepping the clock (or the demo's fast clock) does. */
    private static final class SteppedClock extends Clock {
        volatile Duration offset;

        SteppedClock(Duration offset) {
            this.offset = offset;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneId.systemDefault();
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }

    @Test
    void theDailyResetFollowsAClockSteppedPastItWithoutWaitingForTheOldTimer() throws Exception {
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now();
        SteppedClock stepped = new SteppedClock(Duration.between(now, now.with(java.time.LocalTime.of(3, 0))));
        clock = stepped;
        start();
        scan(Badges.issue(key, Badges.card("m-1", stepped.instant().minus(Duration.ofHours(1)), Duration.ofDays(1),
                BadgeScope.ALL)));
        walkThrough();
        assertThat(status().at("/occupancy/inside").asInt()).isEqualTo(1);

        // An hour before the reset the timer was due in an hour; the clock now jumps past 04:00.
        stepped.offset = stepped.offset.plus(Duration.ofMinutes(61));

        await().atMost(Duration.ofSeconds(15)).until(() -> status().at("/occupancy/inside").asInt() == 0);
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/station.db"));
             var rs = c.createStatement().executeQuery("SELECT body FROM events WHERE type = 'occupancy.reset'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).contains("\"cause\":\"daily\"", "\"inside_before\":1");
        }
    }

    @Test
    void aStationThatWasOffAcrossTheDailyResetResetsAtStart() throws Exception {
        start();
        scan(badge("m-1"));
        walkThrough();
        assertThat(status().at("/occupancy/inside").asInt()).isEqualTo(1);
        stop();
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/station.db"))) {
            // The last reset recorded is two days old: the station missed at least one.
            c.createStatement().execute("UPDATE counters SET value = value - 2 WHERE name = 'occupancy.resetDay'");
        }

        start();

        assertThat(status().at("/occupancy/inside").asInt()).isZero();
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/station.db"));
             var rs = c.createStatement().executeQuery("SELECT body FROM events WHERE type = 'occupancy.reset'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).contains("\"cause\":\"missed_while_stopped\"", "\"inside_before\":1");
        }
    }

    @Test
    void anEventThatCannotBeWrittenIsKeptAndStoredOnceTheDatabaseRecovers() throws Exception {
        start();

        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/station.db"))) {
            // Another writer holds the database longer than the station's busy timeout (5 s).
            c.createStatement().execute("BEGIN EXCLUSIVE");
            scan("not a badge");
            await().atMost(Duration.ofSeconds(15)).until(() -> status().path("problems").toString()
                    .contains("events waiting"));
            c.createStatement().execute("COMMIT");
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> status().path("problems").isEmpty());
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/station.db"));
             var rs = c.createStatement().executeQuery("SELECT count(*) FROM events WHERE type = 'access.denied'")) {
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void forcedDoorRaisesAnAlarmVisibleInStatus() throws Exception {
        start();

        MockPi4j.set(pi4j, "door-contact", true);

        await().until(() -> status().path("alarms").toString().contains("forced_open"));
        assertThat(status().at("/occupancy/inside").asInt()).isZero();
        MockPi4j.set(pi4j, "door-contact", false);
        await().until(() -> status().path("alarms").isEmpty());
    }
}
