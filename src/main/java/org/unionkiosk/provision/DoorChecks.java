// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.provision;

import com.pi4j.context.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.unionkiosk.station.config.DoorConfig;
import org.unionkiosk.station.config.PinConfig;
import org.unionkiosk.station.door.DoorSignal;
import org.unionkiosk.station.door.Indicators;
import org.unionkiosk.station.door.Pi4jDoorLock;
import org.unionkiosk.station.door.Pi4jDoorSensors;
import org.unionkiosk.station.door.Pi4jIndicators;

/**
 * The door's outputs and inputs, through the station's own Pi4J classes: the lock relay released for a second and
 * locked again (its outputs are created locked at start and on shutdown, as in the station), the LEDs and buzzer
 * through the grant and refusal patterns, and each input watched for a change through the station's listeners.
 */
final class DoorChecks {
    private static final long RELAY_RELEASE_MS = 1000;
    private static final String BUSY = "if union-kiosk.service is running it holds the GPIO lines: "
            + "systemctl stop union-kiosk, then run the self-test again";

    private final DoorConfig door;
    private final Context pi4j;
    private final Vertx vertx;
    private final Technician technician;
    private final InputStimulus stimulus;
    private final Duration timeout;

    DoorChecks(DoorConfig door, Context pi4j, Vertx vertx, Technician technician, InputStimulus stimulus,
               Duration timeout) {
        this.door = door;
        this.pi4j = pi4j;
        this.vertx = vertx;
        this.technician = technician;
        this.stimulus = stimulus;
        this.timeout = timeout;
    }

    /** Each result goes to {@code out} as soon as it is known, so the technician sees it at once. */
    void outputs(Consumer<CheckResult> out) {
        out.accept(relay());
        indicators(out);
    }

    private CheckResult relay() {
        String what = "door lock relay (BCM " + door.lock().bcm() + ", " + door.lockType() + ")";
        Pi4jDoorLock lock;
        try {
            lock = new Pi4jDoorLock(pi4j, door);
        } catch (RuntimeException e) {
            return CheckResult.fail("door.lock", what, reason(e), BUSY + "; check door.lock");
        }
        technician.tell("Door lock relay: releasing for " + RELAY_RELEASE_MS / 1000 + " s, then locking again.");
        boolean before = lock.isEnergised();
        lock.release();
        boolean released = lock.isEnergised();
        Watch.sleep(RELAY_RELEASE_MS);
        lock.lock();
        if (released == before || lock.isEnergised() != before) {
            return CheckResult.fail("door.lock", what, "the output did not switch (energised " + before + " -> "
                    + released + ")", "check the GPIO driver (hardware.platform) and door.lock");
        }
        String seen = "relay switched (energised " + before + " -> " + released + " -> " + before + ")";
        return confirmed("door.lock", what, seen, "Did the lock relay click twice and the lock release for a second?",
                "no click on BCM " + door.lock().bcm() + ": check the relay board's supply and its IN wire, and "
                        + "door.lock (activeLow: relay HATs are active-high, opto-isolated boards often active-low)");
    }

    private void indicators(Consumer<CheckResult> out) {
        Indicators ind;
        try {
            ind = new Pi4jIndicators(pi4j, vertx, door);
        } catch (RuntimeException e) {
            out.accept(CheckResult.fail("door.greenLed", "LEDs and buzzer", reason(e), BUSY
                    + "; check door.greenLed, door.redLed and door.buzzer"));
            return;
        }
        technician.tell("Green LED and one beep (the grant signal).");
        ind.showGranted();
        Watch.sleep(1700);
        out.accept(confirmed("door.greenLed", "green LED (" + where(door.greenLed()) + ")", "driven for 1.5 s",
                "Did the green LED light for a moment?", "green LED dark on " + where(door.greenLed())
                        + ": check its polarity, series resistor and ground, and door.greenLed"));
        technician.tell("Red LED and three beeps (the refusal signal).");
        ind.showDenied();
        Watch.sleep(1700);
        out.accept(confirmed("door.redLed", "red LED (" + where(door.redLed()) + ")", "driven for 1.5 s",
                "Did the red LED light for a moment?", "red LED dark on " + where(door.redLed())
                        + ": check its polarity, series resistor and ground, and door.redLed"));
        if (door.buzzer() != null) {
            out.accept(confirmed("door.buzzer", "buzzer (" + where(door.buzzer()) + ")", "beeped 1 + 3 times",
                    "Did the buzzer beep once with the green LED and three times with the red?",
                    "no beep on " + where(door.buzzer()) + ": an active buzzer needs + on the pin (or a "
                            + "transistor for more than 16 mA) and - on ground; check door.buzzer"));
        }
    }

    /** Driven without error: the technician's answer decides; with nobody to ask it passes as not confirmed. */
    private CheckResult confirmed(String key, String what, String seen, String question, String fix) {
        Optional<Boolean> answer = technician.confirm(question);
        if (answer.isEmpty()) {
            return CheckResult.pass(key, what, seen + "; not confirmed by a person");
        }
        return answer.get() ? CheckResult.pass(key, what, seen + "; confirmed by the technician")
                : CheckResult.fail(key, what, seen + "; the technician saw nothing", fix);
    }

    void inputs(Consumer<CheckResult> out) {
        LinkedBlockingQueue<DoorSignal> signals = new LinkedBlockingQueue<>();
        try {
            new Pi4jDoorSensors(pi4j, door).onSignal(signals::add);
        } catch (RuntimeException e) {
            out.accept(CheckResult.fail("door.contact", "door inputs", reason(e), BUSY
                    + "; check door.contact, door.exitButton, door.tamper and door.fireAlarm"));
            return;
        }
        out.accept(input(signals, "door.contact", "door contact", door.contact(), "open the door and close it again",
                EnumSet.of(DoorSignal.DOOR_OPENED, DoorSignal.DOOR_CLOSED), "the door contact wiring"));
        out.accept(input(signals, "door.exitButton", "exit button", door.exitButton(), "press the exit button",
                EnumSet.of(DoorSignal.EXIT_PRESSED), "the exit button wiring (button to ground with activeLow: true)"));
        if (door.tamper() != null) {
            out.accept(input(signals, "door.tamper", "tamper switch", door.tamper(), "open the enclosure lid and "
                    + "close it again", EnumSet.of(DoorSignal.TAMPER_ON, DoorSignal.TAMPER_OFF),
                    "the tamper switch wiring"));
        }
        if (door.fireAlarm() != null) {
            out.accept(input(signals, "door.fireAlarm", "fire alarm input", door.fireAlarm(), "trigger the fire "
                    + "panel's test contact (or bridge the input) and release it",
                    EnumSet.of(DoorSignal.FIRE_ON, DoorSignal.FIRE_OFF), "the fire panel's dry contact wiring"));
        }
    }

    private CheckResult input(LinkedBlockingQueue<DoorSignal> signals, String key, String name, PinConfig pin,
                              String action, Set<DoorSignal> expected, String wiring) {
        String where = where(pin);
        String what = name + " (" + where + ")";
        signals.clear();
        InputStimulus.InputPoint point = new InputStimulus.InputPoint(key, name, pin.bcm(), where, action);
        long start = System.nanoTime();
        Watch.Seen seen = Watch.forChange(stimulus, point, timeout, () -> {
            DoorSignal s;
            while ((s = signals.poll()) != null) {
                if (expected.contains(s)) {
                    return true;
                }
            }
            return false;
        });
        return switch (seen) {
            case CHANGED -> CheckResult.pass(key, what, "change seen after "
                    + (System.nanoTime() - start) / 1_000_000 + " ms");
            case NOT_DRIVEN -> CheckResult.skip(key, what, "nobody to operate it (--non-interactive)");
            case NO_CHANGE -> CheckResult.fail(key, what, "no change within " + timeout.toSeconds() + " s",
                    "no change on " + where + ": check " + wiring + " or " + key);
        };
    }

    private static String where(PinConfig pin) {
        return "BCM " + pin.bcm();
    }

    static String reason(Throwable e) {
        StringBuilder s = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            s.append(": ").append(c.getMessage());
        }
        return s.toString();
    }
}
