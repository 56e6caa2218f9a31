// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.provision;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import org.unionkiosk.station.config.ScannerConfig;

/**
 * The mock platform's hand, for {@code selftest --non-interactive} on a station simulated with Pi4J's mock
 * provider: flips the mock input on the given BCM line and back, and writes the test code into a FIFO scanner the
 * way the simulation feeds scans. Chosen by the CLI only when the config says {@code platform: mock}; on a Pi the
 * inputs are real and the {@link TechnicianStimulus} asks a person.
 */
public final class MockPlatformStimulus implements InputStimulus {
    /** Long enough for a polled input (a locker door switch, read every 50 ms) to be seen changed. */
    static final long HOLD_MS = 300;

    private final Context pi4j;

    public MockPlatformStimulus(Context pi4j) {
        this.pi4j = pi4j;
    }

    /** Only the Pi's own GPIO lines: the mock platform has no expander or lock board to operate. */
    @Override
    public boolean reaches(InputPoint input) {
        return input.bcm() != null;
    }

    @Override
    public void actOn(InputPoint input) {
        for (DigitalInput in : pi4j.registry().allByType(DigitalInput.class).values()) {
            if (in.address().intValue() == input.bcm() && in instanceof MockDigitalInput mock) {
                DigitalState before = mock.state();
                mock.mockState(before == DigitalState.HIGH ? DigitalState.LOW : DigitalState.HIGH);
                sleep(HOLD_MS);
                mock.mockState(before);
                return;
            }
        }
        // No input on that line: the hand moved, nothing is wired to it.
    }

    @Override
    public boolean scan(ScannerConfig scanner, String code) {
        Path device = scanner.device();
        if (scanner.type() != ScannerConfig.Type.SERIAL || device == null || !isFifo(device)) {
            return false;
        }
        // Opening a FIFO for writing waits for its reader: do it on a thread of its own.
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(device)) {
                out.write((code + "\r\n").getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // The scanner check reports the missing scan with its fix.
            }
        }, "selftest-fifo-" + scanner.id());
        writer.setDaemon(true);
        writer.start();
        return true;
    }

    private static boolean isFifo(Path p) {
        try {
            return Files.readAttributes(p, PosixFileAttributes.class).isOther();
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
