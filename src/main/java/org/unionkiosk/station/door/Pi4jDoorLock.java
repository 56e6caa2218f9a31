// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.door;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import org.unionkiosk.station.config.DoorConfig;
import org.unionkiosk.station.config.LockType;

/**
 * The lock relay on a Pi4J digital output. The output is created with the locked level as both its initial and
 * its shutdown state, so the door never releases at boot or when Pi4J shuts down.
 */
public final class Pi4jDoorLock implements DoorLock {
    private final DigitalOutput relay;
    private final boolean failSafe;
    private final boolean activeLow;
    private boolean locked = true;

    public Pi4jDoorLock(Context pi4j, DoorConfig cfg) {
        this.failSafe = cfg.lockType() == LockType.FAIL_SAFE;
        this.activeLow = cfg.lock().activeLow();
        DigitalState lockedLevel = level(true);
        try {
            this.relay = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("door-lock").name("Door lock relay")
                    .address(cfg.lock().bcm()).initial(lockedLevel).shutdown(lockedLevel).build());
        } catch (RuntimeException e) {
            throw new DoorHardwareException("door lock relay on BCM " + cfg.lock().bcm() + " failed", e);
        }
    }

    /** Fail-safe: energised = locked. Fail-secure: energised = released. Then the wiring's active level. */
    private DigitalState level(boolean lockedWanted) {
        boolean energised = failSafe == lockedWanted;
        return energised != activeLow ? DigitalState.HIGH : DigitalState.LOW;
    }

    @Override
    public void lock() {
        relay.state(level(true));
        locked = true;
    }

    @Override
    public void release() {
        relay.state(level(false));
        locked = false;
    }

    @Override
    public boolean isLocked() {
        return locked;
    }

    @Override
    public boolean isEnergised() {
        return (relay.state() == DigitalState.HIGH) != activeLow;
    }
}
