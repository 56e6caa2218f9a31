// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalInputProvider;
import com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProvider;
import org.unionkiosk.station.config.Platform;

/**
 * Builds the one Pi4J context of the process with exactly the providers of the configured platform; auto-detection
 * is off so a Pi never silently falls back to the mock providers. The same code runs on every platform.
 */
public final class Pi4jContexts {
    private Pi4jContexts() {
    }

    public static Context create(Platform platform) {
        var builder = Pi4J.newContextBuilder().noAutoDetect();
        switch (platform) {
            case GPIOD -> builder.add(GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance(),
                    LinuxFsI2CProvider.newInstance());
            case LINUXFS -> builder.add(LinuxFsDigitalInputProvider.newInstance(),
                    LinuxFsDigitalOutputProvider.newInstance(), LinuxFsI2CProvider.newInstance());
            case MOCK -> builder.add(new MockPlatform()).add(MockDigitalInputProvider.newInstance(),
                    MockDigitalOutputProvider.newInstance(), MockI2CProvider.newInstance());
        }
        return builder.build();
    }
}
