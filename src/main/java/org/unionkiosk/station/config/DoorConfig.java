// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Door wiring and timing. {@code tamper}, {@code fireAlarm} and {@code buzzer} may be null (not fitted). */
public record DoorConfig(PinConfig lock, LockType lockType, PinConfig contact, int debounceMs, PinConfig exitButton,
                         PinConfig tamper, PinConfig fireAlarm, PinConfig greenLed, PinConfig redLed,
                         PinConfig buzzer, Duration unlock, Duration exitUnlock, Duration heldOpen) {
    public static final Duration DEFAULT_UNLOCK = Duration.ofSeconds(5);
    public static final Duration DEFAULT_HELD_OPEN = Duration.ofSeconds(30);
    public static final int DEFAULT_DEBOUNCE_MS = 50;

    /** Every fitted pin with its key, for the duplicate check. */
    List<java.util.Map.Entry<String, PinConfig>> pins() {
        List<java.util.Map.Entry<String, PinConfig>> out = new ArrayList<>();
        add(out, "door.lock", lock);
        add(out, "door.contact", contact);
        add(out, "door.exitButton", exitButton);
        add(out, "door.tamper", tamper);
        add(out, "door.fireAlarm", fireAlarm);
        add(out, "door.greenLed", greenLed);
        add(out, "door.redLed", redLed);
        add(out, "door.buzzer", buzzer);
        return out;
    }

    private static void add(List<java.util.Map.Entry<String, PinConfig>> out, String key, PinConfig pin) {
        if (pin != null) {
            out.add(java.util.Map.entry(key, pin));
        }
    }
}
