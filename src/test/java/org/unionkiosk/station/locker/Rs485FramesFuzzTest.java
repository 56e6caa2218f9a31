// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.locker;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * RS-485 board frames: the checksum check never throws on any byte string, and no corruption of one byte of an
 * open-lock or status reply is ever taken as a valid frame (a corrupt reply must never look like "door open").
 */
class Rs485FramesFuzzTest {
    @Property(seed = "8501")
    void anyByteStringIsCheckedWithoutException(@ForAll("frames") byte[] frame) {
        boolean valid = Rs485Frames.valid(frame);

        if (valid) {
            int cs = 0;
            for (int i = 0; i < frame.length - 1; i++) {
                cs ^= frame[i] & 0xff;
            }
            assertThat(frame.length).isGreaterThanOrEqualTo(2);
            assertThat(frame[frame.length - 1] & 0xff).isEqualTo(cs);
        }
    }

    @Property(seed = "8502")
    void aSingleCorruptByteIsAlwaysCaught(@ForAll @IntRange(min = 1, max = 255) int board,
                                          @ForAll @IntRange(min = 1, max = 24) int lock,
                                          @ForAll @IntRange(min = 0, max = 6) int position,
                                          @ForAll @IntRange(min = 1, max = 255) int xor,
                                          @ForAll boolean statusReply) {
        byte[] reply = statusReply
                ? Rs485Frames.withChecksum(Rs485Frames.STATUS, board, lock, 0, 0, 0x33)
                : Rs485Frames.withChecksum(Rs485Frames.OPEN, board, lock, 0x11);
        assertThat(Rs485Frames.valid(reply)).isTrue();
        byte[] corrupt = reply.clone();
        corrupt[position % reply.length] ^= (byte) xor;

        assertThat(Rs485Frames.valid(corrupt)).isFalse();
    }

    @Provide
    Arbitrary<byte[]> frames() {
        return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(16),
                Arbitraries.just(new byte[0]), Arbitraries.bytes().array(byte[].class).ofSize(1));
    }
}
