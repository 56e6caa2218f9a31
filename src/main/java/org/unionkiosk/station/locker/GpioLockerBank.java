// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.locker;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.unionkiosk.station.config.LockerConfig;

/** Lockers wired straight to BCM pins: lock outputs low (off) at start and shutdown, door switches to ground. */
public final class GpioLockerBank implements LockerBank {
    private record Pins(DigitalOutput lock, DigitalInput closed) {
    }

    private final Map<String, Pins> lockers = new LinkedHashMap<>();
    private final LockerBus bus;

    public GpioLockerBank(Context pi4j, LockerConfig.Bank cfg, LockerBus bus) {
        this.bus = bus;
        for (LockerConfig.Locker l : cfg.lockers()) {
            lockers.put(l.id(), new Pins(
                    pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("locker-" + l.id() + "-lock").address(l.lock())
                            .initial(DigitalState.LOW).shutdown(DigitalState.LOW).build()),
                    pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("locker-" + l.id() + "-closed")
                            .address(l.closed()).pull(PullResistance.PULL_UP).build())));
        }
    }

    @Override
    public List<String> lockerIds() {
        return List.copyOf(lockers.keySet());
    }

    @Override
    public CompletableFuture<Void> open(String lockerId) {
        Pins p = lockers.get(lockerId);
        if (p == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no locker " + lockerId));
        }
        return bus.pulse(on -> p.lock().state(on ? DigitalState.HIGH : DigitalState.LOW));
    }

    @Override
    public CompletableFuture<Map<String, Boolean>> doorsClosed() {
        return bus.read(() -> {
            Map<String, Boolean> closed = new LinkedHashMap<>();
            lockers.forEach((id, p) -> closed.put(id, p.closed().state() == DigitalState.LOW));
            return closed;
        });
    }

    @Override
    public void close() {
        bus.read(() -> {
            lockers.values().forEach(p -> p.lock().state(DigitalState.LOW));
            return null;
        }).join();
    }
}
