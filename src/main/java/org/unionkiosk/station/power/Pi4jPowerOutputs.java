// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.power;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.HashMap;
import java.util.Map;
import org.unionkiosk.station.config.PowerConfig;

/** Power relays on GPIO: created off ({@code initial}) and driven off by {@code pi4j.shutdown()}. */
public final class Pi4jPowerOutputs implements PowerOutputs {
    private final Map<String, DigitalOutput> relays = new HashMap<>();
    private final Map<String, Boolean> activeLow = new HashMap<>();

    public Pi4jPowerOutputs(Context pi4j, PowerConfig cfg) {
        for (PowerConfig.Output o : cfg.outputs()) {
            DigitalState off = o.pin().activeLow() ? DigitalState.HIGH : DigitalState.LOW;
            relays.put(o.id(), pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("power-" + o.id())
                    .name("Power " + o.kind() + " " + o.id()).address(o.pin().bcm()).initial(off).shutdown(off)
                    .build()));
            activeLow.put(o.id(), o.pin().activeLow());
        }
    }

    @Override
    public void set(String id, boolean on) {
        relays.get(id).state(on != activeLow.get(id) ? DigitalState.HIGH : DigitalState.LOW);
    }

    @Override
    public boolean isOn(String id) {
        return relays.get(id).state() == (activeLow.get(id) ? DigitalState.LOW : DigitalState.HIGH);
    }
}
