// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.locker;

import com.pi4j.context.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Lockers on one MCP23017: per locker a lock output pin and a door-closed input pin (switch to ground, pull-up:
 * low = closed). Up to 8 expanders share a bus at 0x20–0x27; each bank drives one through the shared bus thread.
 */
public final class Mcp23017LockerBank implements LockerBank {
    /** Pins of one locker on the expander (0–7 = GPA0–7, 8–15 = GPB0–7). */
    public record Locker(String id, int lockPin, int closedPin) {
    }

    private final Map<String, Locker> lockers = new LinkedHashMap<>();
    private final Mcp23017 chip;
    private final LockerBus bus;

    public Mcp23017LockerBank(Context pi4j, int i2cBus, int address, List<Locker> lockers, LockerBus bus) {
        int inputs = 0;
        for (Locker l : lockers) {
            inputs |= 1 << l.closedPin();
            this.lockers.put(l.id(), l);
        }
        this.chip = new Mcp23017(pi4j, i2cBus, address, inputs);
        this.bus = bus;
    }

    @Override
    public List<String> lockerIds() {
        return List.copyOf(lockers.keySet());
    }

    @Override
    public CompletableFuture<Void> open(String lockerId) {
        Locker l = lockers.get(lockerId);
        if (l == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no locker " + lockerId));
        }
        return bus.pulse(on -> chip.set(l.lockPin(), on));
    }

    @Override
    public CompletableFuture<Map<String, Boolean>> doorsClosed() {
        return bus.read(() -> {
            int levels = chip.read();
            Map<String, Boolean> closed = new LinkedHashMap<>();
            lockers.values().forEach(l -> closed.put(l.id(), (levels & (1 << l.closedPin())) == 0));
            return closed;
        });
    }

    @Override
    public void close() {
        bus.read(() -> {
            chip.allOff();
            return null;
        }).join();
    }
}
