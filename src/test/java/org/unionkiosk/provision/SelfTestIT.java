// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.provision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pi4j.context.Context;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.station.MockPi4j;
import org.unionkiosk.station.StationProcess;
import org.unionkiosk.station.config.ConfigLoader;
import org.unionkiosk.station.config.Platform;
import org.unionkiosk.station.config.StationConfig;
import org.unionkiosk.station.telemetry.Mosquitto;

/**
 * The self-test on Pi4J's mock platform, in process (to inject a wiring fault) and as the installed command
 * ({@code union-kiosk selftest --non-interactive --json}), against a real Mosquitto.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SelfTestIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private String mqtt(Mosquitto broker) {
        return """
                mqtt:
                  url: %s
                  commandKeys: [keys/central.pub]
                """.formatted(broker.url());
    }

    private SelfTestReport runInProcess(StationConfig cfg, Map<Integer, Integer> miswired, Duration timeout,
                                        ByteArrayOutputStream told) {
        Context pi4j = MockPi4j.newContext();
        Vertx vertx = Vertx.vertx();
        try {
            ConsoleTechnician nobody = new ConsoleTechnician(null, new PrintStream(told, true,
                    StandardCharsets.UTF_8));
            InputStimulus mock = InputStimulus.choose(Platform.MOCK, false, nobody, pi4j, timeout.toSeconds());
            assertThat(mock).isInstanceOf(MockPlatformStimulus.class);
            return new SelfTest(cfg, pi4j, vertx, nobody, new MiswiredStimulus(mock, miswired), timeout,
                    Clock.systemUTC()).run();
        } finally {
            pi4j.shutdown();
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    @Test
    void everyConfiguredPartPassesOnTheMockPlatform() throws Exception {
        Mosquitto broker = Mosquitto.start(dir, "");
        open.add(broker);
        StationConfig cfg = ConfigLoader.load(SelfTestStation.write(dir, mqtt(broker)));
        ByteArrayOutputStream told = new ByteArrayOutputStream();

        SelfTestReport report = runInProcess(cfg, Map.of(), Duration.ofSeconds(5), told);

        assertThat(report.results()).extracting(CheckResult::part).containsExactly("door.lock", "door.greenLed",
                "door.redLed", "door.buzzer", "door.contact", "door.exitButton", "door.tamper", "door.fireAlarm",
                "lockers.banks[0].lockers[0].lock", "lockers.banks[0].lockers[0].closed",
                "lockers.banks[0].lockers[1].lock", "lockers.banks[0].lockers[1].closed", "scanners[0]", "mqtt",
                "access.clockSyncFile", "station.dataDir");
        assertThat(report.results()).as(report.table()).allMatch(r -> r.outcome() == CheckResult.Outcome.PASS);
        assertThat(report.exitCode()).isZero();
        assertThat(report.results().get(0).detail()).contains("energised true -> false -> true");
        assertThat(told.toString(StandardCharsets.UTF_8)).contains("== Door inputs", "PASS door contact (BCM 27)");
    }

    @Test
    void anInputThatNeverChangesIsAFailureWithItsFix() throws Exception {
        StationConfig cfg = ConfigLoader.load(SelfTestStation.write(dir, ""));

        // The door contact and locker 2's door switch are wired to lines nothing reads.
        SelfTestReport report = runInProcess(cfg, Map.of(27, 4, 26, 16), Duration.ofSeconds(2),
                new ByteArrayOutputStream());

        CheckResult contact = find(report, "door.contact");
        assertThat(contact.outcome()).isEqualTo(CheckResult.Outcome.FAIL);
        assertThat(contact.detail()).isEqualTo("no change within 2 s");
        assertThat(contact.fix()).isEqualTo("no change on BCM 27: check the door contact wiring or door.contact");
        CheckResult locker = find(report, "lockers.banks[0].lockers[1].closed");
        assertThat(locker.outcome()).isEqualTo(CheckResult.Outcome.FAIL);
        assertThat(locker.fix()).isEqualTo("no change on BCM 26: check locker 2's door switch wiring or "
                + "lockers.banks[0].lockers[1].closed");
        // The rest of the wiring is fine, and says so.
        assertThat(find(report, "door.exitButton").outcome()).isEqualTo(CheckResult.Outcome.PASS);
        assertThat(find(report, "lockers.banks[0].lockers[0].closed").outcome()).isEqualTo(CheckResult.Outcome.PASS);
        assertThat(find(report, "mqtt").outcome()).isEqualTo(CheckResult.Outcome.SKIP);
        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.table()).contains("fix: no change on BCM 27: check the door contact wiring or door.contact",
                "13 passed, 2 failed, 1 skipped: FAIL");
        JsonNode json = JSON.readTree(report.json());
        assertThat(json.get("passed").asBoolean()).isFalse();
        assertThat(json.at("/counts/fail").asInt()).isEqualTo(2);
    }

    private static CheckResult find(SelfTestReport report, String part) {
        return report.results().stream().filter(r -> r.part().equals(part)).findFirst().orElseThrow();
    }

    private record Cli(int code, String out, String err) {
    }

    private Cli cli(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", StationProcess.jar().toString()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("cli.out");
        Path err = dir.resolve("cli.err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("selftest finished").isTrue();
        } finally {
            p.destroyForcibly();
        }
        return new Cli(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void commandPrintsJsonAndExitsZeroWhenAllPass() throws Exception {
        Mosquitto broker = Mosquitto.start(dir, "");
        open.add(broker);
        Path cfg = SelfTestStation.write(dir, mqtt(broker));

        Cli run = cli("selftest", "-c", cfg.toString(), "--non-interactive", "--json", "--timeout", "5");

        assertThat(run.code()).as(run.err()).isZero();
        JsonNode json = JSON.readTree(run.out());
        assertThat(json.get("station").asText()).isEqualTo("demo-site/station-1");
        assertThat(json.get("passed").asBoolean()).isTrue();
        assertThat(json.at("/counts/pass").asInt()).isEqualTo(16);
        assertThat(json.get("results").findValuesAsText("result")).containsOnly("pass");
        assertThat(json.get("results").findValuesAsText("part")).contains("door.contact", "scanners[0]", "mqtt");
        assertThat(run.err()).contains("== Door outputs");
        JsonNode kept = JSON.readTree(dir.resolve("data/selftest.json").toFile());
        assertThat(kept.get("at").asText()).isEqualTo(json.get("at").asText());
    }

    @Test
    void commandExitsOneOnAFailureAndSeventyEightOnABadConfig() throws Exception {
        int closedPort = StationProcess.freePort();
        Path cfg = SelfTestStation.write(dir, """
                mqtt:
                  url: tcp://127.0.0.1:%d
                  commandKeys: [keys/central.pub]
                """.formatted(closedPort));

        Cli down = cli("selftest", "-c", cfg.toString(), "--non-interactive", "--json", "--timeout", "3");
        assertThat(down.code()).as(down.err()).isEqualTo(1);
        JsonNode mqtt = JSON.readTree(down.out()).get("results").findParents("part").stream()
                .filter(n -> n.get("part").asText().equals("mqtt")).findFirst().orElseThrow();
        assertThat(mqtt.get("result").asText()).isEqualTo("fail");
        assertThat(mqtt.get("fix").asText()).contains("the port in mqtt.url");

        Files.writeString(cfg, Files.readString(cfg).replace("contact: {bcm: 27}", "contact: {bcm: 99}"));
        Cli bad = cli("selftest", "-c", cfg.toString(), "--non-interactive", "--json");
        assertThat(bad.code()).isEqualTo(78);
        assertThat(bad.err()).contains("door.contact.bcm");
        assertThat(bad.out()).isEmpty();
    }

    @Test
    void brokerCredentialsAreCheckedWithTheStationsOwnPasswordFile() throws Exception {
        Path pw = dir.resolve("passwd");
        Process p = new ProcessBuilder("mosquitto_passwd", "-b", "-c", pw.toString(), "demo-site/station-1",
                "right-secret").inheritIO().start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).isTrue();
        Mosquitto broker = Mosquitto.start(dir, "allow_anonymous false\npassword_file " + pw + "\n");
        open.add(broker);
        String withPassword = mqtt(broker) + "  username: demo-site/station-1\n  passwordFile: mqtt.secret\n";
        Path cfgFile = SelfTestStation.write(dir, withPassword);

        Files.writeString(dir.resolve("mqtt.secret"), "wrong-secret\n");
        StationConfig wrong = ConfigLoader.load(cfgFile);
        CheckResult refused = new BrokerCheck(wrong.mqtt(), wrong.stationRef(), Duration.ofSeconds(5)).run();
        assertThat(refused.outcome()).isEqualTo(CheckResult.Outcome.FAIL);
        assertThat(refused.detail()).startsWith("connect: ");
        assertThat(refused.fix()).contains("check mqtt.username and the file in mqtt.passwordFile");

        Files.writeString(dir.resolve("mqtt.secret"), "right-secret\n");
        StationConfig right = ConfigLoader.load(cfgFile);
        CheckResult accepted = new BrokerCheck(right.mqtt(), right.stationRef(), Duration.ofSeconds(5)).run();
        assertThat(accepted.outcome()).as(accepted.detail()).isEqualTo(CheckResult.Outcome.PASS);
        assertThat(accepted.what()).isEqualTo("broker " + broker.url() + " as demo-site/station-1");
    }
}
