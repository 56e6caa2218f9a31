// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.provision;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.unionkiosk.station.config.ScannerConfig;
import org.unionkiosk.station.scanner.BadgeScan;
import org.unionkiosk.station.scanner.BadgeScanner;
import org.unionkiosk.station.scanner.CameraScanner;
import org.unionkiosk.station.scanner.EvdevScanner;
import org.unionkiosk.station.scanner.SerialScanner;

/**
 * Each configured reader, started as the station starts it: a camera first grabs one frame for its brightness and
 * focus figures; then every reader must read a fresh random test code, shown on the terminal, within the timeout.
 */
final class ScannerChecks {
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<ScannerConfig> scanners;
    private final Technician technician;
    private final InputStimulus stimulus;
    private final Duration timeout;
    private final Clock clock;

    ScannerChecks(List<ScannerConfig> scanners, Technician technician, InputStimulus stimulus, Duration timeout,
                  Clock clock) {
        this.scanners = scanners;
        this.technician = technician;
        this.stimulus = stimulus;
        this.timeout = timeout;
        this.clock = clock;
    }

    void run(Consumer<CheckResult> out) {
        for (int i = 0; i < scanners.size(); i++) {
            ScannerConfig sc = scanners.get(i);
            String key = "scanners[" + i + "]";
            if (sc.type() == ScannerConfig.Type.CAMERA) {
                out.accept(new CameraFrameCheck(sc, key, timeout).run());
            }
            out.accept(scan(sc, key));
        }
    }

    /** A code no badge can be mistaken for and no earlier run left behind in a buffer. */
    /** A fresh test code whose QR ZXing reads back (one that defeats its detector is drawn again). */
    static String testCode() {
        String code;
        int tries = 0;
        do {
            StringBuilder s = new StringBuilder("UKTEST-");
            for (int i = 0; i < 8; i++) {
                s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            code = s.toString();
        } while (!TerminalQr.readsBack(code) && ++tries < 20);
        return code;
    }

    private CheckResult scan(ScannerConfig sc, String key) {
        String what = "scanner " + sc.id() + " (" + sc.type() + ", " + (sc.device() == null ? sc.camera().source()
                : sc.device()) + ")";
        BadgeScanner reader = switch (sc.type()) {
            case SERIAL -> new SerialScanner(sc, clock);
            case HID -> new EvdevScanner(sc, clock);
            case CAMERA -> new CameraScanner(sc, clock);
        };
        LinkedBlockingQueue<String> read = new LinkedBlockingQueue<>();
        reader.onScan((BadgeScan s) -> read.add(s.text()));
        String code = testCode();
        reader.start();
        try {
            if (!stimulus.scan(sc, code)) {
                return CheckResult.skip(key, what, "nobody to scan the test code here");
            }
            long start = System.nanoTime();
            long deadline = start + timeout.toNanos();
            List<String> others = new ArrayList<>();
            while (System.nanoTime() < deadline) {
                String text = read.poll(Watch.POLL_MS, TimeUnit.MILLISECONDS);
                if (code.equals(text)) {
                    return CheckResult.pass(key, what, "read the test code after "
                            + (System.nanoTime() - start) / 1_000_000 + " ms");
                }
                if (text != null) {
                    others.add(text);
                }
            }
            if (!others.isEmpty()) {
                return CheckResult.fail(key, what, "read '" + shorten(others.get(others.size() - 1))
                        + "' but not the test code " + code, misreadFix(sc, key));
            }
            String problem = reader.problem();
            return CheckResult.fail(key, what, "no scan within " + timeout.toSeconds() + " s"
                    + (problem == null ? "" : "; " + problem), silentFix(sc, key, problem != null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.fail(key, what, "interrupted", "run the self-test again");
        } finally {
            reader.stop();
        }
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    private static String misreadFix(ScannerConfig sc, String key) {
        return switch (sc.type()) {
            case SERIAL -> "the scanner sends something else: check " + key + ".baud and " + key
                    + ".terminator against the scanner's serial settings, and that it adds no prefix or suffix";
            case HID -> "characters are mistranslated: set " + key + ".layout to the scanner's keyboard language "
                    + "(us or de) and turn off its prefix/suffix";
            case CAMERA -> "another code is in view: show only the test code, or narrow " + key + ".roi";
        };
    }

    private static String silentFix(ScannerConfig sc, String key, boolean deviceProblem) {
        return switch (sc.type()) {
            case SERIAL -> deviceProblem ? "check the cable and " + key + ".device (ls -l /dev/serial/by-id/); "
                    + "the union-kiosk user needs group dialout" : "the port opened but nothing came: check the "
                    + "scanner is in USB-CDC/serial mode, its aim light, and " + key + ".baud";
            case HID -> deviceProblem ? "check the cable and " + key + ".device (ls -l /dev/input/by-id/); the "
                    + "union-kiosk user needs group input" : "nothing typed: check the scanner is in USB keyboard "
                    + "mode and ends each code with Enter";
            case CAMERA -> "no code decoded: check focus and lighting (see the camera line above) and " + key
                    + ".roi; the union-kiosk user needs group video";
        };
    }
}
