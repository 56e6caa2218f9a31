// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.central.ApiClient;
import org.unionkiosk.central.Broker;
import org.unionkiosk.central.CentralFiles;
import org.unionkiosk.central.InProcessCentral;
import org.unionkiosk.station.StationProcess;

/**
 * {@code union-kiosk selftest --non-interactive --json} on the mock platform, with central running in process on
 * SQLite and both on a real Mosquitto: the report the station prints is the one central's API shows for it.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SelfTestToCentralIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private record Cli(int code, String out, String err) {
    }

    private Cli selftest(Path cfg) throws Exception {
        Path out = dir.resolve("cli.out");
        Path err = dir.resolve("cli.err");
        Process p = new ProcessBuilder("java", "-jar", StationProcess.jar().toString(), "selftest", "-c",
                cfg.toString(), "--non-interactive", "--json", "--timeout", "5").redirectOutput(out.toFile())
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        try {
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("selftest finished").isTrue();
        } finally {
            p.destroyForcibly();
        }
        return new Cli(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void centralShowsTheStationsLastSelfTestWithItsCounts() throws Exception {
        Broker broker = Broker.start(dir.resolve("broker"));
        open.add(broker);
        CentralFiles files = new CentralFiles(dir.resolve("central"));
        InProcessCentral central = InProcessCentral.start(files.config("selftest", broker.url(),
                "jdbc:sqlite:" + dir.resolve("central/central.db"), ""), "alice:admin");
        open.add(central);
        ApiClient alice = central.client();
        assertThat(alice.login("alice", "alice-password").status()).isEqualTo(200);
        Path station = Files.createDirectories(dir.resolve("station"));
        Path cfg = SelfTestStation.write(station, """
                mqtt:
                  url: %s
                  commandKeys: [keys/central.pub]
                """.formatted(broker.url()));

        Cli run = selftest(cfg);

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("== Report sent to central on kiosk/v1/demo-site/station-1/selftest");
        JsonNode printed = JSON.readTree(run.out());
        JsonObject[] shown = {null};
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            ApiClient.Answer a = alice.get("/api/stations/demo-site/station-1");
            shown[0] = a.status() == 200 ? a.json().getJsonObject("selftest") : null;
            return shown[0] != null;
        });
        JsonObject report = shown[0];
        assertThat(report.getString("at")).isEqualTo(printed.get("at").asText());
        assertThat(report.getBoolean("passed")).isTrue();
        assertThat(report.getJsonObject("counts").getInteger("pass")).isEqualTo(16);
        assertThat(report.getJsonObject("counts").getInteger("fail")).isZero();
        assertThat(report.getString("version")).isNotBlank();
        JsonArray results = report.getJsonArray("results");
        assertThat(results).hasSize(16);
        JsonObject contact = results.stream().map(JsonObject.class::cast)
                .filter(r -> "door.contact".equals(r.getString("part"))).findFirst().orElseThrow();
        assertThat(contact.getString("name")).isEqualTo("door contact (BCM 27)");
        assertThat(contact.getBoolean("ok")).isTrue();
        assertThat(contact.getString("detail")).isNotBlank();
    }

    @Test
    void aBrokerThatIsDownSendsNothingAndTheReportIsStillKept() throws Exception {
        int closedPort = StationProcess.freePort();
        Path cfg = SelfTestStation.write(dir, """
                mqtt:
                  url: tcp://127.0.0.1:%d
                  commandKeys: [keys/central.pub]
                """.formatted(closedPort));

        Cli run = selftest(cfg);

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).doesNotContain("Report sent to central", "Report not sent");
        assertThat(JSON.readTree(dir.resolve("data/selftest.json").toFile()).get("passed").asBoolean()).isFalse();
    }
}
