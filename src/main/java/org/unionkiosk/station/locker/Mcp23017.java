// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.locker;

import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;

/**
 * One MCP23017 16-bit I/O expander on Pi4J's I2C (linuxfs on the Pi), IOCON.BANK = 0 register map. Pins 0–7 are
 * GPA0–7, 8–15 GPB0–7. GPA7 and GPB7 are output-only on current silicon, so they may not be inputs. Outputs start
 * low (de-energised) before their direction is set, so no lock fires while the chip is configured.
 * Not thread-safe: one bus thread drives it.
 */
public final class Mcp23017 {
    static final int IODIRA = 0x00;
    static final int GPPUA = 0x0C;
    static final int GPIOA = 0x12;
    static final int OLATA = 0x14;
    /** GPA7 and GPB7: output only (Microchip errata, DS20001952C). */
    public static final int OUTPUT_ONLY = (1 << 7) | (1 << 15);

    private final I2C i2c;
    private int latch;

    public Mcp23017(Context pi4j, int bus, int address, int inputMask) {
        if ((inputMask & OUTPUT_ONLY) != 0) {
            throw new IllegalArgumentException("GPA7/GPB7 (pins 7 and 15) are output-only on the MCP23017");
        }
        this.i2c = pi4j.create(I2C.newConfigBuilder(pi4j).id("mcp23017-" + bus + "-" + Integer.toHexString(address))
                .bus(bus).device(address).build());
        writePair(OLATA, 0);             // every output off before any pin becomes an output
        writePair(GPPUA, inputMask);     // pull-ups on the door-closed inputs
        writePair(IODIRA, inputMask);    // 1 = input
        latch = 0;
    }

    /** Drives one output pin; only the latch (OLAT) is written, so inputs are never disturbed. */
    public void set(int pin, boolean on) {
        int next = on ? latch | (1 << pin) : latch & ~(1 << pin);
        if (pin < 8) {
            i2c.writeRegister(OLATA, (byte) next);
        } else {
            i2c.writeRegister(OLATA + 1, (byte) (next >> 8));
        }
        latch = next;
    }

    /** All 16 pin levels (GPIOA in bits 0–7, GPIOB in 8–15). */
    public int read() {
        return (i2c.readRegister(GPIOA) & 0xff) | (i2c.readRegister(GPIOA + 1) & 0xff) << 8;
    }

    /** Every output off: on shutdown, and before a restart resumes after a crash. */
    public void allOff() {
        writePair(OLATA, 0);
        latch = 0;
    }

    private void writePair(int reg, int value) {
        i2c.writeRegister(reg, (byte) value);
        i2c.writeRegister(reg + 1, (byte) (value >> 8));
    }
}
