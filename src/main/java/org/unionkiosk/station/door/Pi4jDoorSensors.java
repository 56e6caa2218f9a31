// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.door;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.unionkiosk.station.config.DoorConfig;
import org.unionkiosk.station.config.PinConfig;

/** Door contact, exit button, tamper and fire inputs on Pi4J digital inputs, debounced by the driver. */
public final class Pi4jDoorSensors implements DoorSensors {
    private final CopyOnWriteArrayList<Consumer<DoorSignal>> listeners = new CopyOnWriteArrayList<>();
    private final Input contact;
    private final Input tamper;
    private final Input fire;

    private record Input(DigitalInput line, boolean activeLow) {
        boolean active() {
            return (line.state() == DigitalState.HIGH) != activeLow;
        }
    }

    public Pi4jDoorSensors(Context pi4j, DoorConfig cfg) {
        contact = input(pi4j, "door-contact", cfg.contact(), cfg.debounceMs(), DoorSignal.DOOR_OPENED,
                DoorSignal.DOOR_CLOSED);
        input(pi4j, "exit-button", cfg.exitButton(), cfg.debounceMs(), DoorSignal.EXIT_PRESSED, null);
        tamper = cfg.tamper() == null ? null
                : input(pi4j, "tamper", cfg.tamper(), cfg.debounceMs(), DoorSignal.TAMPER_ON, DoorSignal.TAMPER_OFF);
        fire = cfg.fireAlarm() == null ? null
                : input(pi4j, "fire-alarm", cfg.fireAlarm(), cfg.debounceMs(), DoorSignal.FIRE_ON, DoorSignal.FIRE_OFF);
    }

    private Input input(Context pi4j, String id, PinConfig pin, int debounceMs, DoorSignal onActive,
                        DoorSignal onInactive) {
        DigitalInput line;
        try {
            line = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id(id).address(pin.bcm())
                    // Pull towards the inactive level, so an input with nothing connected reads inactive.
                    .pull(pin.activeLow() ? PullResistance.PULL_UP : PullResistance.PULL_DOWN)
                    .debounce((long) debounceMs * 1000L).build());
        } catch (RuntimeException e) {
            throw new DoorHardwareException(id + " input on BCM " + pin.bcm() + " failed", e);
        }
        Input in = new Input(line, pin.activeLow());
        line.addListener(event -> {
            boolean active = (event.state() == DigitalState.HIGH) != pin.activeLow();
            DoorSignal s = active ? onActive : onInactive;
            if (s != null) {
                listeners.forEach(l -> l.accept(s));
            }
        });
        return in;
    }

    @Override
    public void onSignal(Consumer<DoorSignal> listener) {
        listeners.add(listener);
    }

    @Override
    public boolean doorOpen() {
        return contact.active();
    }

    @Override
    public boolean tamperActive() {
        return tamper != null && tamper.active();
    }

    @Override
    public boolean fireAlarmActive() {
        return fire != null && fire.active();
    }
}
