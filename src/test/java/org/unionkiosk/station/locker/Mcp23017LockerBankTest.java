// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.locker;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.context.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bus timing asserted on the simulated chip's recorded register writes. */
class Mcp23017LockerBankTest {
    private static final Duration PULSE = Duration.ofMillis(80);
    private static final Duration GAP = Duration.ofMillis(40);
    private final SimulatedMcp23017Provider provider = new SimulatedMcp23017Provider();
    private Context pi4j;
    private LockerBus bus;
    private Mcp23017LockerBank bank;

    @BeforeEach
    void setUp() {
        pi4j = provider.newContext();
        bus = new LockerBus("i2c-1", PULSE, GAP);
        bank = new Mcp23017LockerBank(pi4j, 1, 0x20, List.of(new Mcp23017LockerBank.Locker("1", 0, 8),
                new Mcp23017LockerBank.Locker("2", 1, 9), new Mcp23017LockerBank.Locker("3", 2, 10)), bus);
    }

    @AfterEach
    void tearDown() {
        bank.close();
        bus.close();
        pi4j.shutdown();
    }

    /** [on, off] nanoTimes of each pulse on OLATA, from the recorded writes. */
    private List<long[]> pulses(SimulatedMcp23017 chip) {
        List<long[]> out = new ArrayList<>();
        long on = -1;
        for (var w : chip.writes()) {
            if (w.register() != 0x14) {
                continue;
            }
            if (w.value() != 0 && on < 0) {
                on = w.nanos();
            } else if (w.value() == 0 && on >= 0) {
                out.add(new long[] {on, w.nanos()});
                on = -1;
            }
        }
        return out;
    }

    @Test
    void pulsesAreBoundedAndSerialisedWithAGapEvenWhenRequestedTogether() {
        var chip = provider.chip(1, 0x20);

        CompletableFuture.allOf(bank.open("1"), bank.open("2"), bank.open("3")).join();

        List<long[]> p = pulses(chip);
        assertThat(p).hasSize(3);
        for (long[] pulse : p) {
            assertThat((pulse[1] - pulse[0]) / 1_000_000).isBetween(PULSE.toMillis() - 5, PULSE.toMillis() + 60);
        }
        for (int i = 1; i < p.size(); i++) {
            assertThat((p.get(i)[0] - p.get(i - 1)[1]) / 1_000_000).as("gap").isGreaterThanOrEqualTo(GAP.toMillis() - 2);
        }
        assertThat(chip.output(0) || chip.output(1) || chip.output(2)).as("nothing left energised").isFalse();
    }

    @Test
    void readsDoorClosedSwitches() {
        var chip = provider.chip(1, 0x20);
        chip.drive(8, false);  // locker 1 closed
        chip.drive(9, true);   // locker 2 open

        var closed = bank.doorsClosed().join();

        assertThat(closed).containsEntry("1", true).containsEntry("2", false);
    }

    @Test
    void aFailingOutputStillEndsThePulse() {
        List<Boolean> calls = new ArrayList<>();
        var failed = bus.pulse(on -> {
            calls.add(on);
            if (on) {
                throw new IllegalStateException("bus error while switching on");
            }
        });

        org.assertj.core.api.Assertions.assertThatThrownBy(failed::join).hasRootCauseMessage(
                "bus error while switching on");
        assertThat(calls).containsExactly(true, false);
    }
}
