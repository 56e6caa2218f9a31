// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.protocol.Badges;
import org.unionkiosk.protocol.KeyFiles;
import org.unionkiosk.protocol.SigningKey;
import org.unionkiosk.station.StationConfigs;

class PhoneAndPowerSectionTest {
    @TempDir
    Path dir;

    private Path write(String extra) throws Exception {
        return StationConfigs.write(dir, Badges.newKey(), 0, StationConfigs.ACCESS + extra);
    }

    @Test
    void readsThePhoneAndPowerSections() throws Exception {
        SigningKey key = SigningKey.generate(new SecureRandom());
        Files.createDirectories(dir.resolve("keys"));
        KeyFiles.writePrivate(dir.resolve("keys/station.key"), key);

        StationConfig c = ConfigLoader.load(write("""
                phone: {entryUrl: 'https://union.example/p', keyFile: keys/station.key}
                power:
                  outputs:
                    - {id: lights, pin: 16, hours: {from: '08:00', to: '20:00'}}
                    - {id: ac, kind: aircon, pin: {bcm: 20, activeLow: true}, offAfterMinutes: 5}
                """));

        assertThat(c.phone().stationKey().publicKey()).isEqualTo(key.publicKey());
        assertThat(c.phone().qrPeriod()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.power().outputs()).hasSize(2);
        assertThat(c.power().outputs().get(0).hours().opens()).isEqualTo(LocalTime.of(8, 0));
        assertThat(c.power().outputs().get(0).offAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.power().outputs().get(1).kind()).isEqualTo(PowerConfig.Kind.AIRCON);
        assertThat(c.power().outputs().get(1).pin().activeLow()).isTrue();
    }

    @Test
    void namesEveryBadKeyAtOnce() throws Exception {
        Path cfg = write("""
                phone: {entryUrl: 'ftp://x', keyFile: keys/missing.key}
                power:
                  outputs:
                    - {id: lights, pin: 17, kind: heater}
                """);

        ConfigException e = (ConfigException) catchThrowable(() -> ConfigLoader.load(cfg));

        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("phone.entryUrl: must be an http(s) URL"))
                .anySatisfy(p -> assertThat(p).startsWith("phone.keyFile: cannot read an Ed25519 private key"))
                .anySatisfy(p -> assertThat(p).startsWith("power.outputs[0].kind: must be one of"))
                .anySatisfy(p -> assertThat(p).startsWith("power.outputs[0].pin: BCM pin 17 is already used by door"));
    }
}
