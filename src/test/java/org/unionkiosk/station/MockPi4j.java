// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutput;
import org.unionkiosk.station.config.Platform;

/** Pi4J's own mock platform, built by the same factory production uses. */
public final class MockPi4j {
    private MockPi4j() {
    }

    public static Context newContext() {
        return Pi4jContexts.create(Platform.MOCK);
    }

    public static MockDigitalOutput output(Context pi4j, String id) {
        return (MockDigitalOutput) pi4j.registry().get(id);
    }

    public static MockDigitalInput input(Context pi4j, String id) {
        return (MockDigitalInput) pi4j.registry().get(id);
    }

    public static void set(Context pi4j, String inputId, boolean high) {
        input(pi4j, inputId).mockState(high ? DigitalState.HIGH : DigitalState.LOW);
    }
}
