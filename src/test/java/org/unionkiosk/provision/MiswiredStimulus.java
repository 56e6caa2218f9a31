// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.provision;

import java.util.Map;
import org.unionkiosk.station.config.ScannerConfig;

/**
 * A wiring fault for tests: the hand operates the real device, but its wire lands on another BCM line than the
 * config says, so the configured input never changes. Everything else goes to the mock platform's stimulus.
 */
final class MiswiredStimulus implements InputStimulus {
    private final InputStimulus wired;
    private final Map<Integer, Integer> landsOn;

    MiswiredStimulus(InputStimulus wired, Map<Integer, Integer> landsOn) {
        this.wired = wired;
        this.landsOn = landsOn;
    }

    @Override
    public boolean reaches(InputPoint input) {
        return wired.reaches(input);
    }

    @Override
    public void actOn(InputPoint input) {
        Integer actual = input.bcm() == null ? null : landsOn.getOrDefault(input.bcm(), input.bcm());
        wired.actOn(new InputPoint(input.key(), input.what(), actual, input.where(), input.action()));
    }

    @Override
    public boolean scan(ScannerConfig scanner, String code) {
        return wired.scan(scanner, code);
    }
}
