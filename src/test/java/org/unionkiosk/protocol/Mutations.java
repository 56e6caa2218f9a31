// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Byte-level mutations of a valid input for the fuzz tests: set, flip a bit, truncate, insert, delete, repeat. */
public final class Mutations {
    private Mutations() {
    }

    /** One to three random edits of {@code valid}; never returns {@code valid} unchanged except by chance. */
    public static Arbitrary<byte[]> bytes(byte[] valid) {
        Arbitrary<byte[]> once = edit(Arbitraries.just(valid));
        return Arbitraries.oneOf(once, edit(once), edit(edit(once)));
    }

    private static Arbitrary<byte[]> edit(Arbitrary<byte[]> input) {
        return Combinators.combine(input, Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.bytes(),
                Arbitraries.integers().between(0, 5)).as(Mutations::apply);
    }

    public static byte[] apply(byte[] in, int where, byte value, int op) {
        if (in.length == 0) {
            return new byte[] {value};
        }
        int pos = where % in.length;
        byte[] b = in.clone();
        switch (op) {
            case 0 -> b[pos] = value;
            case 1 -> b[pos] ^= (byte) (1 << (value & 7));
            case 2 -> b = Arrays.copyOf(b, pos);
            case 3 -> {
                b = Arrays.copyOf(b, in.length + 1);
                System.arraycopy(in, pos, b, pos + 1, in.length - pos);
                b[pos] = value;
            }
            case 4 -> {
                b = new byte[in.length - 1];
                System.arraycopy(in, 0, b, 0, pos);
                System.arraycopy(in, pos + 1, b, pos, in.length - pos - 1);
            }
            default -> {
                int len = Math.min(in.length - pos, 1 + (value & 0x3f));
                b = Arrays.copyOf(in, in.length + len);
                System.arraycopy(in, pos, b, pos + len, in.length - pos);
            }
        }
        return b;
    }
}
