// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.sim;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.unionkiosk.station.config.DoorConfig;
import org.unionkiosk.station.config.LockerConfig;
import org.unionkiosk.station.config.PinConfig;
import org.unionkiosk.station.config.Platform;
import org.unionkiosk.station.config.StationConfig;

/**
 * The station's inputs and outputs on Pi4J's mock platform, by name: {@code door} (contact), {@code exit} (button),
 * {@code tamper}, {@code fire} and {@code locker:ID} (that locker's door) as inputs set through the mock provider
 * ({@link MockDigitalInput#mockState}), so the station's own listeners see exactly what a wire would cause; the lock
 * relay, LEDs, buzzer and locker locks read back from the mock outputs. Values are "active" in the device's sense
 * (door open, button pressed, locker door open), whatever the line's active level. Lockers on GPIO banks only (an
 * MCP23017 on the mock I2C bus has no door line to move). Callable from any thread: the station's own listeners hand
 * each change to its context, as they do for a real line.
 */
public final class SimulatedHardware {
    private record Line(String id, boolean activeLow) {
    }

    private final Context pi4j;
    private final Map<String, Line> inputs = new LinkedHashMap<>();
    private final Map<String, Line> outputs = new LinkedHashMap<>();

    /** Refuses any platform but mock: there is nothing to simulate on a Pi. */
    public SimulatedHardware(Context pi4j, StationConfig cfg) {
        if (cfg.platform() != Platform.MOCK) {
            throw new IllegalStateException("simulated hardware exists on the mock platform only, not "
                    + cfg.platform());
        }
        this.pi4j = pi4j;
        DoorConfig door = cfg.door();
        input("door", "door-contact", door.contact());
        input("exit", "exit-button", door.exitButton());
        input("tamper", "tamper", door.tamper());
        input("fire", "fire-alarm", door.fireAlarm());
        output("lock", "door-lock", door.lock());
        output("green", "led-green", door.greenLed());
        output("red", "led-red", door.redLed());
        output("buzzer", "buzzer", door.buzzer());
        if (cfg.lockers() != null) {
            for (LockerConfig.Bank b : cfg.lockers().banks()) {
                if (b.type().equals("gpio")) {
                    // The closed switch pulls the line low: a closed locker door reads LOW (active-low "closed").
                    b.lockers().forEach(l -> {
                        inputs.put("locker:" + l.id(), new Line("locker-" + l.id() + "-closed", false));
                        outputs.put("locker:" + l.id(), new Line("locker-" + l.id() + "-lock", false));
                        springDoor(l.id());
                    });
                }
            }
        }
        // Nothing connected yet: every input reads its idle level, as its pull resistor would make it.
        inputs.keySet().forEach(name -> set(name, false));
    }

    /** Locker doors are sprung, as real ones are: energising the lock pops the door open. */
    private void springDoor(String lockerId) {
        DigitalOutput lock = pi4j.registry().get("locker-" + lockerId + "-lock");
        lock.addListener(e -> {
            if (e.state() == DigitalState.HIGH) {
                set("locker:" + lockerId, true);
            }
        });
    }

    private void input(String name, String id, PinConfig pin) {
        if (pin != null) {
            inputs.put(name, new Line(id, pin.activeLow()));
        }
    }

    private void output(String name, String id, PinConfig pin) {
        if (pin != null) {
            outputs.put(name, new Line(id, pin.activeLow()));
        }
    }

    /** Whether this station has an input of that name. */
    public boolean hasInput(String name) {
        return inputs.containsKey(name);
    }

    /** Moves an input: {@code active} is door open, button pressed, tamper or fire on, locker door open. */
    public void set(String name, boolean active) {
        Line l = inputs.get(name);
        if (l == null) {
            throw new IllegalArgumentException("no simulated input '" + name + "'; inputs are " + inputs.keySet());
        }
        MockDigitalInput in = pi4j.registry().get(l.id());
        in.mockState(active != l.activeLow() ? DigitalState.HIGH : DigitalState.LOW);
    }

    /** Whether an input is active now. */
    public boolean active(String name) {
        Line l = inputs.get(name);
        if (l == null) {
            throw new IllegalArgumentException("no simulated input '" + name + "'");
        }
        MockDigitalInput in = pi4j.registry().get(l.id());
        return (in.state() == DigitalState.HIGH) != l.activeLow();
    }

    /** Every input and output by name, true when active (relay energised, LED lit, locker lock pulsed). */
    public JsonObject state() {
        JsonObject in = new JsonObject();
        inputs.keySet().forEach(name -> in.put(name, active(name)));
        JsonObject out = new JsonObject();
        outputs.forEach((name, l) -> {
            DigitalOutput o = pi4j.registry().get(l.id());
            out.put(name, (o.state() == DigitalState.HIGH) != l.activeLow());
        });
        return new JsonObject().put("inputs", in).put("outputs", out);
    }
}
