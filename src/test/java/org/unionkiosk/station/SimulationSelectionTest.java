// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.context.Context;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.unionkiosk.protocol.Badges;
import org.unionkiosk.station.config.ConfigLoader;
import org.unionkiosk.station.config.StationConfig;
import org.unionkiosk.station.sim.SimulatedHardware;

/** The composition root adds simulated hardware on the mock platform only, whatever Pi4J context it is given. */
class SimulationSelectionTest {
    @TempDir
    Path dir;

    private final Context pi4j = MockPi4j.newContext();
    private final io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
        vertx.close();
    }

    private StationConfig config(String platform) throws Exception {
        Path cfg = StationConfigs.write(dir, Badges.newKey(), 0, StationConfigs.ACCESS);
        Files.writeString(cfg, Files.readString(cfg).replace("platform: mock", "platform: " + platform));
        return ConfigLoader.load(cfg);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpiod", "linuxfs"})
    void aRealPlatformGetsNoSimulatedHardware(String platform) throws Exception {
        StationConfig cfg = config(platform);

        assertThat(StationMain.simulationFor(pi4j, cfg)).isNull();
        assertThatThrownBy(() -> new SimulatedHardware(pi4j, cfg)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mock platform only");
    }

    @Test
    void theMockPlatformGetsSimulatedHardwareDrivingThePi4jMockInputs() throws Exception {
        StationConfig cfg = config("mock");
        new org.unionkiosk.station.door.Pi4jDoorSensors(pi4j, cfg.door());
        new org.unionkiosk.station.door.Pi4jDoorLock(pi4j, cfg.door());
        new org.unionkiosk.station.door.Pi4jIndicators(pi4j, vertx, cfg.door());

        SimulatedHardware sim = StationMain.simulationFor(pi4j, cfg);
        sim.set("door", true);

        assertThat(sim).isNotNull();
        assertThat(MockPi4j.input(pi4j, "door-contact").state()).isEqualTo(com.pi4j.io.gpio.digital.DigitalState.HIGH);
        assertThat(sim.state().getJsonObject("inputs").getBoolean("door")).isTrue();
        assertThat(sim.state().getJsonObject("inputs").getBoolean("exit")).isFalse();
        assertThatThrownBy(() -> sim.set("window", true)).hasMessageContaining("no simulated input 'window'");
    }
}
