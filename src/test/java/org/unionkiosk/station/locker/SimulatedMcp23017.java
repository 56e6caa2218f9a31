// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.locker;

import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A register-level simulation of the MCP23017 (IOCON.BANK = 0), plugged into Pi4J as its I2C device. Pi4J's own
 * mock keeps registers as read-once queues, which a driver that reads back its inputs cannot be tested against.
 * GPIO reads return output latches for output pins and the simulated outside levels for input pins; every write
 * is recorded with its time, so tests can assert pulse length and the gap between commands.
 */
public final class SimulatedMcp23017 extends MockI2C {
    /** One register write, nanoTime-stamped. */
    public record Write(long nanos, int register, int value) {
    }

    private final int[] regs = new int[0x16];
    private volatile int outside = 0xffff; // input levels driven from outside the chip (door switches)
    private final List<Write> writes = new CopyOnWriteArrayList<>();
    private final java.util.Map<Integer, Integer> springs = new java.util.concurrent.ConcurrentHashMap<>();

    public SimulatedMcp23017(I2CProvider provider, I2CConfig config) {
        super(provider, config);
        regs[0x00] = 0xff; // IODIRA/B reset to inputs
        regs[0x01] = 0xff;
    }

    @Override
    public synchronized int writeRegister(int register, byte b) {
        regs[register] = b & 0xff;
        if (register == 0x12 || register == 0x13) {
            regs[register + 2] = b & 0xff; // writing GPIO writes the latch
        }
        writes.add(new Write(System.nanoTime(), register, b & 0xff));
        // A sprung locker door pops open when its lock is energised.
        springs.forEach((lock, closedPin) -> {
            if (output(lock)) {
                drive(closedPin, true);
            }
        });
        return 1;
    }

    @Override
    public synchronized int readRegister(int register) {
        if (register == 0x12 || register == 0x13) {
            int half = register - 0x12;
            int dir = regs[half];
            int latch = regs[0x14 + half];
            int in = (outside >> (8 * half)) & 0xff;
            return (latch & ~dir | in & dir) & 0xff;
        }
        return regs[register];
    }

    /** The level the outside world puts on a pin (a closed locker door pulls its switch input low). */
    public void drive(int pin, boolean high) {
        outside = high ? outside | (1 << pin) : outside & ~(1 << pin);
    }

    /** Makes the door on {@code closedPin} spring open whenever the lock on {@code lockPin} is energised. */
    public void spring(int lockPin, int closedPin) {
        springs.put(lockPin, closedPin);
    }

    public boolean output(int pin) {
        int half = pin / 8;
        return (regs[0x14 + half] >> (pin % 8) & 1) == 1 && (regs[half] >> (pin % 8) & 1) == 0;
    }

    public int registerValue(int r) {
        return regs[r];
    }

    public List<Write> writes() {
        return List.copyOf(writes);
    }
}
