// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.config;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the optional {@code power} section: outputs that follow occupancy, on pins no door device uses. */
final class PowerSection {
    private PowerSection() {
    }

    static PowerConfig parse(ConfigNode p, DoorConfig door, List<String> problems) {
        if (!p.present()) {
            return null;
        }
        List<PowerConfig.Output> outputs = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Map<Integer, String> pins = new HashMap<>();
        if (door != null) {
            door.pins().forEach(e -> pins.put(e.getValue().bcm(), e.getKey()));
        }
        List<ConfigNode> nodes = p.children("outputs");
        for (int i = 0; i < nodes.size(); i++) {
            ConfigNode o = nodes.get(i);
            String id = o.requiredString("id", "a short name such as lights");
            if (id != null && !ids.add(id)) {
                o.problem("id", "is used by another output: give each output its own id", id);
            }
            PowerConfig.Kind kind = o.choice("kind", PowerConfig.Kind.class, PowerConfig.Kind.LIGHTS);
            PinConfig pin = ConfigLoader.pin(o, "pin", true, false);
            if (pin != null) {
                String prev = pins.putIfAbsent(pin.bcm(), "power.outputs[" + i + "].pin");
                if (prev != null) {
                    problems.add("power.outputs[" + i + "].pin: BCM pin " + pin.bcm() + " is already used by " + prev
                            + ": give each device its own pin");
                }
            }
            OpeningHours hours = null;
            if (o.has("hours")) {
                ConfigNode h = o.child("hours");
                hours = new OpeningHours(h.time("from", LocalTime.MIDNIGHT), h.time("to", LocalTime.MIDNIGHT));
                h.rejectUnknownKeys();
            }
            Duration offAfter = Duration.ofMinutes(o.integer("offAfterMinutes",
                    (int) PowerConfig.DEFAULT_OFF_AFTER.toMinutes(), 0, 24 * 60));
            o.rejectUnknownKeys();
            outputs.add(new PowerConfig.Output(id, kind, pin, hours, offAfter));
        }
        if (nodes.isEmpty()) {
            p.problem("outputs", "needs at least one output, e.g. {id: lights, kind: lights, pin: 16}", null);
        }
        p.rejectUnknownKeys();
        return new PowerConfig(outputs);
    }
}
