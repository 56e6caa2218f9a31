// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.locker;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProviderImpl;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Pi4J's mock I2C provider, but every device it opens is a {@link SimulatedMcp23017}, kept per bus and address. */
public final class SimulatedMcp23017Provider extends MockI2CProviderImpl {
    private final Map<String, SimulatedMcp23017> chips = new ConcurrentHashMap<>();
    private volatile int lowAtStart;

    /** Input pins the outside world holds low from power-on (closed locker doors). */
    public SimulatedMcp23017Provider lowAtStart(int pinMask) {
        this.lowAtStart = pinMask;
        return this;
    }

    @Override
    public I2C create(I2CConfig config) {
        SimulatedMcp23017 chip = new SimulatedMcp23017(this, config);
        for (int pin = 0; pin < 16; pin++) {
            if ((lowAtStart & (1 << pin)) != 0) {
                chip.drive(pin, false);
            }
        }
        chips.put(config.bus() + ":" + config.device(), chip);
        return chip;
    }

    public SimulatedMcp23017 chip(int bus, int address) {
        return chips.get(bus + ":" + address);
    }

    /** A mock-platform context whose I2C devices are simulated MCP23017s. */
    public Context newContext() {
        return Pi4J.newContextBuilder().noAutoDetect().add(new MockPlatform())
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance(), this).build();
    }
}
