// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.locker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.context.Context;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Mcp23017Test {
    private final SimulatedMcp23017Provider provider = new SimulatedMcp23017Provider();
    private Context pi4j;

    @BeforeEach
    void setUp() {
        pi4j = provider.newContext();
    }

    @AfterEach
    void tearDown() {
        pi4j.shutdown();
    }

    @Test
    void clearsTheLatchBeforeMakingAnyPinAnOutput() {
        new Mcp23017(pi4j, 1, 0x20, 0x7f00);
        var chip = provider.chip(1, 0x20);

        var writes = chip.writes();
        int firstDirection = -1;
        for (int i = 0; i < writes.size(); i++) {
            if (writes.get(i).register() <= 0x01) {
                firstDirection = i;
                break;
            }
        }
        assertThat(writes.subList(0, firstDirection)).anySatisfy(w -> assertThat(w.register()).isEqualTo(0x14));
        assertThat(chip.registerValue(0x00)).isEqualTo(0x00); // GPA all outputs
        assertThat(chip.registerValue(0x01)).isEqualTo(0x7f); // GPB0-6 inputs, GPB7 output-only
        assertThat(chip.registerValue(0x0D)).isEqualTo(0x7f); // with pull-ups
    }

    @Test
    void drivesOneOutputAndReadsInputsFromOutside() {
        Mcp23017 mcp = new Mcp23017(pi4j, 1, 0x21, 0x7f00);
        var chip = provider.chip(1, 0x21);

        mcp.set(3, true);
        chip.drive(9, false); // locker door 2 closed: its switch pulls GPB1 low

        assertThat(chip.output(3)).isTrue();
        assertThat(chip.output(2)).isFalse();
        int levels = mcp.read();
        assertThat(levels & (1 << 3)).isNotZero();
        assertThat(levels & (1 << 9)).isZero();
        assertThat(levels & (1 << 10)).isNotZero();

        mcp.allOff();
        assertThat(chip.output(3)).isFalse();
    }

    @Test
    void refusesOutputOnlyPinsAsInputs() {
        assertThatThrownBy(() -> new Mcp23017(pi4j, 1, 0x22, 1 << 15)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("output-only");
    }
}
