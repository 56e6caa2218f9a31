// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.protocol.Badges;
import org.unionkiosk.station.StationConfigs;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private ConfigException problemsOf(String yaml) throws IOException {
        Path cfg = StationConfigs.write(dir, Badges.newKey(), 0, "");
        Files.writeString(cfg, yaml);
        return (ConfigException) org.assertj.core.api.Assertions.catchThrowable(() -> ConfigLoader.load(cfg));
    }

    @Test
    void loadsACompleteSimulatedStation() throws IOException {
        Path cfg = StationConfigs.write(dir, Badges.newKey(), 0, StationConfigs.ACCESS);

        StationConfig c = ConfigLoader.load(cfg);

        assertThat(c.stationRef()).isEqualTo("demo-site/station-1");
        assertThat(c.platform()).isEqualTo(Platform.MOCK);
        assertThat(c.door().lock()).isEqualTo(new PinConfig(17, false));
        assertThat(c.door().exitButton().activeLow()).isTrue();
        assertThat(c.door().unlock()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.access().trustedKeys()).hasSize(1);
        assertThat(c.access().capacity()).isEqualTo(2);
        assertThat(c.access().hours()).isEqualTo(OpeningHours.ALWAYS);
        assertThat(c.scanners()).singleElement().satisfies(s -> {
            assertThat(s.role()).isEqualTo(ScannerConfig.Role.ENTRY);
            assertThat(s.device()).isEqualTo(dir.resolve("scan.fifo"));
        });
        assertThat(c.language()).isEqualTo(StationConfig.Language.ZH_CN);
    }

    @Test
    void theShippedSamplesLoad() throws IOException {
        // The Pi sample names files that exist only on a Pi; everything else in it must be valid.
        Path sample = Path.of("firmware-config/kiosk.yaml");
        ConfigException e = (ConfigException) org.assertj.core.api.Assertions.catchThrowable(
                () -> ConfigLoader.parse(new com.fasterxml.jackson.databind.ObjectMapper(
                        new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(sample.toFile()), dir));
        assertThat(e).isNotNull();
        assertThat(e.problems()).allSatisfy(p -> assertThat(p).matches("(access\\.trustedKeys\\[0\\]|station"
                + "\\.dataDir|http\\.port).*"));
    }

    @Test
    void reportsEveryProblemAtOnceWithKeyValueAndFix() throws IOException {
        ConfigException e = problemsOf("""
                station: {site: "Bad Site", id: st-1}
                hardware: {platform: raspberry}
                door:
                  lock: {bcm: 31}
                  contact: 17
                  exitButton: {bcm: 22, activeLow: "yes"}
                  greenLed: 5
                  redLed: 5
                  unlockMs: fast
                access:
                  trustedKeys: [missing.pub]
                scanners:
                  - {id: entry, device: scan.fifo, role: sideways}
                sreen: {language: fr}
                """);

        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("station.site:").contains("'Bad Site'"))
                .anySatisfy(p -> assertThat(p).startsWith("hardware.platform: must be one of [gpiod, linuxfs, mock]"))
                .anySatisfy(p -> assertThat(p).startsWith("door.lock.bcm: must be a whole number 0..27, was 31"))
                .anySatisfy(p -> assertThat(p).startsWith("door.exitButton.activeLow: must be true or false"))
                .anySatisfy(p -> assertThat(p).startsWith("door.redLed: BCM pin 5 is already used by door.greenLed"))
                .anySatisfy(p -> assertThat(p).startsWith("door.unlockMs: must be a whole number"))
                .anySatisfy(p -> assertThat(p).startsWith("access.trustedKeys[0]: cannot read").contains("keygen"))
                .anySatisfy(p -> assertThat(p).startsWith("scanners[0].role: must be one of [entry, exit, locker]"))
                .anySatisfy(p -> assertThat(p).startsWith("sreen: unknown key"));
        assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(9);
    }

    @Test
    void checksLockerBanks() throws IOException {
        Path cfg = StationConfigs.write(dir, Badges.newKey(), 0, StationConfigs.ACCESS + """
                lockers:
                  pulseMs: 5000
                  banks:
                    - id: a
                      type: mcp23017
                      address: 0x20
                      lockers:
                        - {id: "1", lock: 0, closed: 15}
                        - {id: "1", lock: 1, closed: 9}
                    - id: b
                      type: gpio
                      lockers:
                        - {id: "2", lock: 17, closed: 4}
                """);

        ConfigException e = (ConfigException) org.assertj.core.api.Assertions.catchThrowable(
                () -> ConfigLoader.load(cfg));

        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("lockers.pulseMs: must be a whole number"))
                .anySatisfy(p -> assertThat(p).contains("closed: GPA7/GPB7 (pins 7 and 15) are output-only"))
                .anySatisfy(p -> assertThat(p).contains(".id: is used twice"))
                .anySatisfy(p -> assertThat(p).contains("BCM pin 17 is already used by door.lock"));
    }

    @Test
    void aLockerTerminalNeedsLockers() throws IOException {
        Path cfg = StationConfigs.write(dir, Badges.newKey(), 0, StationConfigs.ACCESS);
        Files.writeString(cfg, Files.readString(cfg).replace("role: entry", "role: locker"));

        assertThatThrownBy(() -> ConfigLoader.load(cfg)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("scanners[0].role: a locker terminal needs a lockers section");
    }

    @Test
    void requiresTheDoorWiring() throws IOException {
        ConfigException e = problemsOf("""
                station: {site: s, id: st-1}
                door: {lock: 17}
                access: {trustedKeys: [keys/union.pub]}
                scanners: [{id: entry, device: scan.fifo}]
                """);

        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("door.contact: is required"))
                .anySatisfy(p -> assertThat(p).startsWith("door.exitButton: is required"));
    }

    @Test
    void aPortAlreadyInUseIsNotAConfigurationError() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path cfg = StationConfigs.write(dir, Badges.newKey(), taken.getLocalPort(), StationConfigs.ACCESS);

            assertThat(ConfigLoader.load(cfg).httpPort()).isEqualTo(taken.getLocalPort());
        }
    }

    @Test
    void refusesAnHttpHostThatIsNotAnAddressOfThisMachine() throws IOException {
        Path cfg = StationConfigs.write(dir, Badges.newKey(), 0, StationConfigs.ACCESS);
        Files.writeString(cfg, Files.readString(cfg).replace("host: 127.0.0.1", "host: 192.0.2.1"));

        assertThatThrownBy(() -> ConfigLoader.load(cfg)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("http.port: 192.0.2.1:0 cannot be bound");
    }

    @Test
    void namesTheFileWhenItIsNotYaml() throws IOException {
        Path cfg = dir.resolve("broken.yaml");
        Files.writeString(cfg, "station: [unclosed\n");

        assertThatThrownBy(() -> ConfigLoader.load(cfg)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void refusesATopLevelSectionGivenTwiceNamingIt() throws IOException {
        String yaml = Files.readString(StationConfigs.write(dir, Badges.newKey(), 0, StationConfigs.ACCESS))
                + "access:\n  trustedKeys: [keys/union.pub]\n  capacity: 50\n";

        ConfigException e = problemsOf(yaml);

        assertThat(e).isNotNull();
        assertThat(e.problems()).singleElement().asString().startsWith("access: given twice").contains("line");
    }

    @Test
    void refusesANestedKeyGivenTwiceWithItsPath() throws IOException {
        String yaml = Files.readString(StationConfigs.write(dir, Badges.newKey(), 0, StationConfigs.ACCESS))
                .replace("  unlockMs: 1000\n", "  unlockMs: 1000\n  unlockMs: 60000\n")
                .replace("maxCodesPerSecond: 1000000}", "maxCodesPerSecond: 1000000, role: exit}");

        ConfigException e = problemsOf(yaml);

        assertThat(e).isNotNull();
        assertThat(e.problems()).singleElement().asString().startsWith("door.unlockMs: given twice");
    }

    @Test
    void refusesAKeyGivenTwiceInsideAListItem() throws IOException {
        String yaml = Files.readString(StationConfigs.write(dir, Badges.newKey(), 0, StationConfigs.ACCESS))
                .replace("maxCodesPerSecond: 1000000}", "maxCodesPerSecond: 1000000, role: exit}");

        ConfigException e = problemsOf(yaml);

        assertThat(e).isNotNull();
        assertThat(e.problems()).singleElement().asString().startsWith("scanners[0].role: given twice");
    }
}
