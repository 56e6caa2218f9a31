// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.locker;

import com.pi4j.context.Context;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.unionkiosk.station.config.LockerConfig;

/**
 * Builds the configured locker banks on their buses: one bus thread per I2C bus (expanders on it share it), one per
 * RS-485 adapter and one for GPIO. Used by the station and by the self-test, so both drive the same hardware code.
 */
public final class LockerBanks {
    private LockerBanks() {
    }

    /** Each bank by its config id, in config order. Blocking I/O (chip set-up): call off the event loop. */
    public static Map<String, LockerBank> open(Context pi4j, LockerConfig cfg) {
        Map<String, LockerBank> banks = new LinkedHashMap<>();
        Map<String, LockerBus> buses = new HashMap<>();
        for (LockerConfig.Bank b : cfg.banks()) {
            banks.put(b.id(), open(pi4j, cfg, b, buses));
        }
        return banks;
    }

    /** One bank, on the bus it shares with the banks already opened into {@code buses}. */
    public static LockerBank open(Context pi4j, LockerConfig cfg, LockerConfig.Bank b, Map<String, LockerBus> buses) {
        String busName = switch (b.type()) {
            case "gpio" -> "gpio";
            case "rs485" -> b.device();
            default -> "i2c-" + b.bus();
        };
        LockerBus bus = buses.computeIfAbsent(busName, n -> new LockerBus(n, cfg.pulse(), cfg.gap()));
        return switch (b.type()) {
            case "gpio" -> new GpioLockerBank(pi4j, b, bus);
            case "rs485" -> new Rs485LockerBank(b.device(), b, bus);
            default -> new Mcp23017LockerBank(pi4j, b.bus(), b.address(), b.lockers().stream()
                    .map(l -> new Mcp23017LockerBank.Locker(l.id(), l.lock(), l.closed())).toList(), bus);
        };
    }
}
