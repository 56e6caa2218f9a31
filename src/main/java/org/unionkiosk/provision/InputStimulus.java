// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.provision;

import com.pi4j.context.Context;
import org.unionkiosk.station.config.Platform;
import org.unionkiosk.station.config.ScannerConfig;

/**
 * What makes an input change while the self-test watches it: the technician's hand at a real station, or Pi4J's
 * mock inputs on the mock platform. The self-test only ever watches the station's own input code for the change,
 * so the mock path exercises the same listeners and reads as the real one.
 */
public interface InputStimulus {
    /** Whether this stimulus can act on such an input at all; if not, its check is skipped, not failed. */
    boolean reaches(InputPoint input);

    /**
     * Causes the input to change once and change back, or asks for it. Called on a thread of its own while the
     * self-test watches; may block.
     */
    void actOn(InputPoint input);

    /** Presents the scanner's test code to it, or asks for it to be scanned; false when nobody can. */
    boolean scan(ScannerConfig scanner, String code);

    /**
     * A technician asks a person; without one, the mock platform flips its own mock inputs, and a real station
     * skips the checks that need a hand. The mock stimulus is never chosen for a real platform.
     */
    static InputStimulus choose(Platform platform, boolean interactive, Technician technician, Context pi4j,
                                long timeoutSeconds) {
        if (interactive) {
            return new TechnicianStimulus(technician, timeoutSeconds);
        }
        if (platform == Platform.MOCK) {
            return new MockPlatformStimulus(pi4j);
        }
        return new InputStimulus() {
            @Override
            public boolean reaches(InputPoint input) {
                return false;
            }

            @Override
            public void actOn(InputPoint input) {
            }

            @Override
            public boolean scan(ScannerConfig scanner, String code) {
                return false;
            }
        };
    }

    /**
     * One input of the station.
     *
     * @param bcm    the Pi's GPIO line, or null for an input behind an expander or a lock board
     * @param where  where it is wired, for the report: "BCM 27", "MCP23017 0x20 pin 8"
     * @param action what the technician should do, e.g. "open the door and close it again"
     */
    record InputPoint(String key, String what, Integer bcm, String where, String action) {
    }
}
