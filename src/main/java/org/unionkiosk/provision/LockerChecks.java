// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.provision;

import com.pi4j.context.Context;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.unionkiosk.station.config.LockerConfig;
import org.unionkiosk.station.locker.LockerBank;
import org.unionkiosk.station.locker.LockerBanks;
import org.unionkiosk.station.locker.LockerBus;

/**
 * Each locker in turn: one bounded lock pulse through the station's own bank code (outputs off at start and
 * shutdown, pulses serialised on the bus), then its door-closed input watched for a change while the technician
 * closes and opens the door.
 */
final class LockerChecks {
    private final LockerConfig lockers;
    private final Context pi4j;
    private final Technician technician;
    private final InputStimulus stimulus;
    private final Duration timeout;

    LockerChecks(LockerConfig lockers, Context pi4j, Technician technician, InputStimulus stimulus,
                 Duration timeout) {
        this.lockers = lockers;
        this.pi4j = pi4j;
        this.technician = technician;
        this.stimulus = stimulus;
        this.timeout = timeout;
    }

    void run(Consumer<CheckResult> out) {
        Map<String, LockerBus> buses = new HashMap<>();
        for (int b = 0; b < lockers.banks().size(); b++) {
            LockerConfig.Bank bank = lockers.banks().get(b);
            String bankKey = "lockers.banks[" + b + "]";
            LockerBank hw;
            try {
                hw = LockerBanks.open(pi4j, lockers, bank, buses);
            } catch (RuntimeException e) {
                out.accept(CheckResult.fail(bankKey, "locker bank " + bank.id() + " (" + bankName(bank) + ")",
                        DoorChecks.reason(e), bankFix(bank, bankKey)));
                continue;
            }
            try {
                for (int l = 0; l < bank.lockers().size(); l++) {
                    LockerConfig.Locker locker = bank.lockers().get(l);
                    String key = bankKey + ".lockers[" + l + "]";
                    out.accept(lock(hw, bank, locker, key));
                    out.accept(sensor(hw, bank, locker, key));
                }
            } finally {
                hw.close();
            }
        }
        buses.values().forEach(LockerBus::close);
    }

    private CheckResult lock(LockerBank hw, LockerConfig.Bank bank, LockerConfig.Locker locker, String key) {
        String where = lockWhere(bank, locker);
        String what = "locker " + locker.id() + " lock (" + where + ")";
        technician.tell("Locker " + locker.id() + ": one lock pulse of " + lockers.pulse().toMillis() + " ms.");
        try {
            hw.open(locker.id()).get(lockers.pulse().toMillis() + 5000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return CheckResult.fail(key + ".lock", what, DoorChecks.reason(e), bankFix(bank, key));
        }
        Optional<Boolean> answer = technician.confirm("Did locker " + locker.id() + " unlock?");
        String seen = "pulsed for " + lockers.pulse().toMillis() + " ms";
        if (answer.isEmpty()) {
            return CheckResult.pass(key + ".lock", what, seen + "; not confirmed by a person");
        }
        return answer.get() ? CheckResult.pass(key + ".lock", what, seen + "; confirmed by the technician")
                : CheckResult.fail(key + ".lock", what, seen + "; the locker stayed shut", "no unlock on " + where
                + ": check the lock's 12 V supply, its driver wiring and " + key + ".lock (lockers.pulseMs "
                + "may be too short for this lock)");
    }

    private CheckResult sensor(LockerBank hw, LockerConfig.Bank bank, LockerConfig.Locker locker, String key) {
        String where = sensorWhere(bank, locker);
        String what = "locker " + locker.id() + " door switch (" + where + ")";
        Integer bcm = "gpio".equals(bank.type()) ? locker.closed() : null;
        InputStimulus.InputPoint point = new InputStimulus.InputPoint(key + ".closed", "locker " + locker.id()
                + " door switch", bcm, where, "close locker " + locker.id() + "'s door and open it again");
        if (!stimulus.reaches(point)) {
            return CheckResult.skip(key + ".closed", what, "nobody to operate it here");
        }
        Boolean initial;
        try {
            initial = closed(hw, locker);
        } catch (Exception e) {
            return CheckResult.fail(key + ".closed", what, DoorChecks.reason(e), bankFix(bank, key));
        }
        long start = System.nanoTime();
        Watch.Seen seen = Watch.forChange(stimulus, point, timeout, () -> {
            try {
                return !initial.equals(closed(hw, locker));
            } catch (Exception e) {
                return false;
            }
        });
        return switch (seen) {
            case CHANGED -> CheckResult.pass(key + ".closed", what, "change seen after "
                    + (System.nanoTime() - start) / 1_000_000 + " ms");
            case NOT_DRIVEN -> CheckResult.skip(key + ".closed", what, "nobody to operate it here");
            case NO_CHANGE -> CheckResult.fail(key + ".closed", what, "no change within " + timeout.toSeconds()
                    + " s (door reads " + (initial ? "closed" : "open") + ")", "no change on " + where
                    + ": check locker " + locker.id() + "'s door switch wiring or " + key + ".closed");
        };
    }

    private static Boolean closed(LockerBank hw, LockerConfig.Locker locker) throws Exception {
        return hw.doorsClosed().get(2, TimeUnit.SECONDS).get(locker.id());
    }

    private static String bankName(LockerConfig.Bank b) {
        return switch (b.type()) {
            case "gpio" -> "GPIO";
            case "rs485" -> "RS-485 board " + b.address() + " on " + b.device();
            default -> String.format("MCP23017 0x%02x on I2C bus %d", b.address(), b.bus());
        };
    }

    private static String lockWhere(LockerConfig.Bank b, LockerConfig.Locker l) {
        return switch (b.type()) {
            case "gpio" -> "BCM " + l.lock();
            case "rs485" -> "board " + b.address() + " lock " + l.lock();
            default -> String.format("MCP23017 0x%02x pin %d", b.address(), l.lock());
        };
    }

    private static String sensorWhere(LockerConfig.Bank b, LockerConfig.Locker l) {
        return switch (b.type()) {
            case "gpio" -> "BCM " + l.closed();
            case "rs485" -> "board " + b.address() + " lock " + l.lock() + " feedback";
            default -> String.format("MCP23017 0x%02x pin %d", b.address(), l.closed());
        };
    }

    private static String bankFix(LockerConfig.Bank b, String key) {
        return switch (b.type()) {
            case "gpio" -> "check the lock driver wiring and " + key;
            case "rs485" -> "check the USB-RS485 adapter (" + b.device() + "), A/B wiring, the board's 12 V and its "
                    + "address DIP switches against " + key;
            default -> String.format("run 'i2cdetect -y %d': no MCP23017 at 0x%02x means check SDA/SCL (BCM 2/3), "
                    + "3.3 V, the A0-A2 address jumpers and %s.address", b.bus(), b.address(), key);
        };
    }
}
