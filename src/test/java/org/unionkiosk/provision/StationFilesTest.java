// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.protocol.KeyFiles;
import org.unionkiosk.protocol.SigningKey;
import org.unionkiosk.station.StationConfigs;
import org.unionkiosk.station.config.ConfigLoader;
import org.unionkiosk.station.config.StationConfig;

class StationFilesTest {
    @TempDir
    Path dir;

    private Enrolment enrolment(ObjectNode config) {
        SecureRandom r = new SecureRandom();
        return new Enrolment("sz-nanshan", "st-007", "abc", false, "tcp://broker.example:1883", "sz-nanshan/st-007",
                "pw-123", null, List.of(KeyFiles.publicPem(SigningKey.generate(r).publicKey())),
                List.of(KeyFiles.publicPem(SigningKey.generate(r).publicKey())), config);
    }

    @Test
    void keepsTheWiringAndAddsIdentityBrokerAndKeys() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        StationConfigs.write(etc, SigningKey.generate(new SecureRandom()), 0, StationConfigs.ACCESS);
        ObjectNode overlay = new ObjectMapper().createObjectNode();
        overlay.putObject("access").put("capacity", 9);
        new StationFiles(etc, dir.resolve("var")).write(enrolment(overlay), Instant.EPOCH);

        StationConfig cfg = ConfigLoader.load(etc.resolve("kiosk.yaml"));
        assertThat(cfg.stationRef()).isEqualTo("sz-nanshan/st-007");
        assertThat(cfg.door().lock().bcm()).isEqualTo(17);
        assertThat(cfg.access().capacity()).isEqualTo(9);
        assertThat(cfg.access().requireClockSync()).isFalse();
        assertThat(new String(cfg.mqtt().password())).isEqualTo("pw-123");
        assertThat(etc.resolve("kiosk.yaml.orig")).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(etc.resolve("mqtt.password"))))
                .isEqualTo("rw-r-----");
    }

    @Test
    void aConfigThatWouldNotLoadIsNotWrittenAndSaysWhichKey() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        StationConfigs.write(etc, SigningKey.generate(new SecureRandom()), 0, StationConfigs.ACCESS);
        String before = Files.readString(etc.resolve("kiosk.yaml"));
        ObjectNode overlay = new ObjectMapper().createObjectNode();
        overlay.putObject("door").put("lock", 31);
        assertThatThrownBy(() -> new StationFiles(etc, dir.resolve("var")).write(enrolment(overlay), Instant.EPOCH))
                .isInstanceOfSatisfying(ProvisionException.class, e -> {
                    assertThat(e.getMessage()).contains("door.lock");
                    assertThat(e.exitCode()).isEqualTo(78);
                });
        assertThat(Files.readString(etc.resolve("kiosk.yaml"))).isEqualTo(before);
    }

    @Test
    void withoutAnyKioskYamlItSaysWhereToStart() {
        assertThatThrownBy(() -> new StationFiles(dir.resolve("etc"), dir.resolve("var")).write(enrolment(null),
                Instant.EPOCH)).hasMessageContaining("docs/install.md");
    }
}
