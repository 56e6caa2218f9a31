// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.provision;

import org.unionkiosk.station.config.ScannerConfig;

/** At a real station: asks the technician to operate each input and to scan the test code shown on the terminal. */
final class TechnicianStimulus implements InputStimulus {
    private final Technician technician;
    private final long timeoutSeconds;

    TechnicianStimulus(Technician technician, long timeoutSeconds) {
        this.technician = technician;
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    public boolean reaches(InputPoint input) {
        return true;
    }

    @Override
    public void actOn(InputPoint input) {
        technician.tell("  -> " + input.action() + " (" + input.what() + ", " + input.where() + "), within "
                + timeoutSeconds + " s");
    }

    @Override
    public boolean scan(ScannerConfig scanner, String code) {
        technician.tell("  -> scan this code with scanner '" + scanner.id() + "' (" + scanner.type() + ", "
                + scanner.role() + "), within " + timeoutSeconds + " s:");
        technician.tell(TerminalQr.render(code));
        technician.tell("     " + code);
        return true;
    }
}
