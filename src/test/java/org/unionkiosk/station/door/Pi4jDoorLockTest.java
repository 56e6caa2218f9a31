// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.door;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.unionkiosk.station.MockPi4j;
import org.unionkiosk.station.config.DoorConfig;
import org.unionkiosk.station.config.LockType;
import org.unionkiosk.station.config.PinConfig;

class Pi4jDoorLockTest {
    private Context pi4j;

    @BeforeEach
    void setUp() {
        pi4j = MockPi4j.newContext();
    }

    @AfterEach
    void tearDown() {
        pi4j.shutdown();
    }

    static DoorConfig door(LockType type, boolean activeLow) {
        return new DoorConfig(new PinConfig(17, activeLow), type, new PinConfig(27, false), 0,
                new PinConfig(22, true), null, null, new PinConfig(5, false), new PinConfig(6, false), null,
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(5));
    }

    @ParameterizedTest(name = "{0} activeLow={1}: locked level {2}, released level {3}")
    @CsvSource({
        "FAIL_SAFE, false, HIGH, LOW",
        "FAIL_SAFE, true, LOW, HIGH",
        "FAIL_SECURE, false, LOW, HIGH",
        "FAIL_SECURE, true, HIGH, LOW"})
    void drivesTheLevelForLockTypeAndWiring(LockType type, boolean activeLow, DigitalState locked,
                                            DigitalState released) {
        Pi4jDoorLock lock = new Pi4jDoorLock(pi4j, door(type, activeLow));
        var relay = MockPi4j.output(pi4j, "door-lock");

        assertThat(relay.state()).as("initial").isEqualTo(locked);
        assertThat(lock.isLocked()).isTrue();

        lock.release();
        assertThat(relay.state()).isEqualTo(released);
        assertThat(lock.isEnergised()).isEqualTo(type == LockType.FAIL_SECURE);

        lock.lock();
        assertThat(relay.state()).isEqualTo(locked);
    }

    @ParameterizedTest
    @CsvSource({"FAIL_SAFE, false, HIGH", "FAIL_SECURE, false, LOW", "FAIL_SECURE, true, HIGH"})
    void returnsToLockedWhenPi4jShutsDown(LockType type, boolean activeLow, DigitalState locked) {
        Pi4jDoorLock lock = new Pi4jDoorLock(pi4j, door(type, activeLow));
        var relay = MockPi4j.output(pi4j, "door-lock");
        lock.release();

        pi4j.shutdown();

        assertThat(relay.state()).isEqualTo(locked);
    }
}
