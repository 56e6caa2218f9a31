// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.locker;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import java.io.FileOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.protocol.BadgeScope;
import org.unionkiosk.protocol.Badges;
import org.unionkiosk.protocol.SigningKey;
import org.unionkiosk.station.StationConfigs;
import org.unionkiosk.station.StationMain;
import org.unionkiosk.station.StationProcess;
import org.unionkiosk.station.config.ConfigLoader;

/** Locker flows through the whole station, on a register-level simulated MCP23017. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LockerFlowIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOCKERS = """
            lockers:
              pulseMs: 60
              gapMs: 20
              releaseScanSeconds: 2
              releaseWindowSeconds: 30
              banks:
                - id: a
                  type: mcp23017
                  bus: 1
                  address: 0x20
                  lockers:
                    - {id: "1", size: 2, lock: 0, closed: 8}
                    - {id: "2", size: 1, lock: 1, closed: 9}
                    - {id: "3", size: 1, lock: 2, closed: 10}
            """;

    @TempDir
    Path dir;
    private final SigningKey key = Badges.newKey();
    /** Locker doors on GPB0–2 start closed. */
    private final SimulatedMcp23017Provider provider = new SimulatedMcp23017Provider().lowAtStart(0x0700);
    private Vertx vertx;
    private StationMain main;
    private int port;
    private SimulatedMcp23017 chip;

    @AfterEach
    void tearDown() throws Exception {
        if (main != null) {
            main.stop().await(10, SECONDS);
            vertx.close().await(10, SECONDS);
        }
    }

    private void start() throws Exception {
        Path cfg = StationConfigs.write(dir, key, 0, StationConfigs.ACCESS + LOCKERS);
        Files.writeString(cfg, Files.readString(cfg).replace("role: entry", "role: locker"));
        StationProcess.mkfifo(dir.resolve("scan.fifo"));
        vertx = Vertx.vertx();
        var pi4j = provider.newContext();
        main = new StationMain(vertx, pi4j);
        // Doors start closed (switch pulls the input low); lockers 1 and 2 spring open, 3 has a jammed lock.
        port = main.start(ConfigLoader.load(cfg), Clock.systemDefaultZone()).await(10, SECONDS).port();
        chip = provider.chip(1, 0x20);
        chip.spring(0, 8);
        chip.spring(1, 9);
    }

    private void scan(String member) throws Exception {
        try (var out = new FileOutputStream(dir.resolve("scan.fifo").toFile())) {
            out.write((Badges.issue(key, Badges.card(member, Instant.now(), Duration.ofDays(1), BadgeScope.ALL))
                    + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private JsonNode status() throws Exception {
        return JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/status")).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private List<String> events() throws Exception {
        return events("locker.%");
    }

    private List<String> events(String like) throws Exception {
        List<String> out = new ArrayList<>();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/station.db"));
             var rs = c.createStatement().executeQuery("SELECT type || ' ' || body FROM events WHERE type LIKE '"
                     + like + "' ORDER BY seq")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void assignsTheSmallestFreeLockerReopensItForItsOwnerAndReleasesItOnADoubleScanAndClose() throws Exception {
        start();

        scan("m-1");
        await().atMost(Duration.ofSeconds(5)).until(() -> "2".equals(status().at("/lastDecision/locker").asText()));
        assertThat(status().at("/lastDecision/message").asText()).isEqualTo("请使用 2 号柜");
        assertThat(status().at("/lockers/owned").asInt()).isEqualTo(1);
        assertThat(chip.output(1)).as("lock de-energised after the pulse").isFalse();

        chip.drive(9, false); // member closes the door
        await().until(() -> events().stream().anyMatch(e -> e.startsWith("locker.closed")));
        Thread.sleep(2500); // a later visit, past the release-scan window

        scan("m-1");
        await().until(() -> events().stream().filter(e -> e.startsWith("locker.opened")).count() == 2);
        assertThat(events()).filteredOn(e -> e.startsWith("locker.assigned")).hasSize(1);

        scan("m-1"); // second scan soon after: return the locker
        await().until(() -> status().at("/lastDecision/message").asText().contains("归还"));
        chip.drive(9, false);

        await().atMost(Duration.ofSeconds(5)).until(() -> status().at("/lockers/free").asInt() == 3);
        assertThat(events()).anySatisfy(e -> assertThat(e).startsWith("locker.released").contains("\"by\":\"member\""));
    }

    @Test
    void aJammedLockIsRetriedThenTakenOutOfServiceAndSkipped() throws Exception {
        start();
        chip.spring(0, 8);

        scan("m-1");
        await().atMost(Duration.ofSeconds(5)).until(() -> status().at("/lastDecision/locker").isTextual());
        String first = status().at("/lastDecision/locker").asText();
        scan("m-2");
        await().atMost(Duration.ofSeconds(5)).until(() -> status().at("/lockers/outOfService").size() == 1);

        assertThat(status().at("/lockers/outOfService/0").asText()).isEqualTo("3");
        assertThat(events()).anySatisfy(e -> assertThat(e).startsWith("locker.fault").contains("\"locker\":\"3\""));
        assertThat(first).isEqualTo("2");
        long pulsesOn3 = chip.writes().stream().filter(w -> w.register() == 0x14 && (w.value() & 0b100) != 0).count();
        assertThat(pulsesOn3).as("one pulse and one retry").isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> "1".equals(status().at("/lastDecision/locker").asText()));
        JsonNode st = status();
        assertThat(st.at("/lastDecision/message").asText()).as("the member is told, and given locker 1")
                .isEqualTo("3 号柜故障，请使用 1 号柜");
        assertThat(st.at("/lastDecision/outOfOrder").asText()).isEqualTo("3");
        assertThat(st.at("/alarms").toString()).contains("locker_jammed");
        assertThat(events("alarm.%")).anySatisfy(e -> assertThat(e).startsWith("alarm.locker_jammed")
                .contains("\"locker\":\"3\""));
        assertThat(events("locker.%")).filteredOn(e -> e.contains("\"member\":\"m-2\"")
                && e.startsWith("locker.assigned")).extracting(e -> e.contains("\"locker\":\"3\""))
                .containsExactly(true, false);
        assertThat(events("access.granted")).filteredOn(e -> e.contains("m-2")).singleElement()
                .satisfies(e -> assertThat(e).contains("\"role\":\"locker\"").contains("\"action\":\"assigned\""));
    }

    @Test
    void everyRefusalAtALockerTerminalIsRecordedWithItsReason() throws Exception {
        start();
        chip.spring(0, 8);
        chip.spring(2, 10);

        for (String m : List.of("m-1", "m-2", "m-3")) {
            scan(m);
            await().atMost(Duration.ofSeconds(5)).until(() -> status().at("/lockers/owned").asInt()
                    == Integer.parseInt(m.substring(2)));
        }
        scan("m-4"); // none free
        await().atMost(Duration.ofSeconds(5)).until(() -> !events("access.denied").isEmpty()
                && "locker_none_free".equals(status().at("/lastDecision/reason").asText()));

        assertThat(events("access.denied")).singleElement().satisfies(e -> assertThat(e)
                .contains("\"reason\":\"locker_none_free\"").contains("\"member\":\"m-4\"")
                .contains("\"role\":\"locker\""));
        assertThat(status().at("/lastDecision/reason").asText()).isEqualTo("locker_none_free");
        assertThat(events("access.granted")).hasSize(3);
        List<String> all = events("%");
        int granted = indexOf(all, "access.granted", "m-1");
        int assigned = indexOf(all, "locker.assigned", "m-1");
        assertThat(granted).as("decision before the locker events it causes").isLessThan(assigned);
    }

    private static int indexOf(List<String> events, String type, String member) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).startsWith(type + " ") && events.get(i).contains("\"" + member + "\"")) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aDoorOpenedWithoutACommandIsReportedForced() throws Exception {
        start();

        chip.drive(10, true);

        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> events().stream().anyMatch(e ->
                    e.startsWith("locker.forced") && e.contains("\"locker\":\"3\"")));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("events: " + events() + " status " + status().path("lockers") + " gpiob "
                    + Integer.toBinaryString(chip.readRegister(0x13)) + " iodirb " + chip.registerValue(1), e);
        }
    }
}
