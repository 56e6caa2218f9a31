// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recorded-style evdev streams, as a keyboard-mode scanner on a 64-bit kernel produces them. */
class EvdevDecoderTest {
    private final List<String> codes = new ArrayList<>();
    private final ByteArrayOutputStream stream = new ByteArrayOutputStream();
    private long micros = 1_700_000_000_000_000L;

    private void ev(int type, int code, int value) {
        ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(micros / 1_000_000).putLong(micros % 1_000_000).putShort((short) type).putShort((short) code)
                .putInt(value);
        stream.writeBytes(b.array());
        ev0();
    }

    private void ev0() {
        // EV_SYN after each key event, as the kernel sends it.
        ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(micros / 1_000_000).putLong(micros % 1_000_000).putShort((short) 0).putShort((short) 0).putInt(0);
        stream.writeBytes(b.array());
    }

    private void key(int code, boolean shift) {
        micros += 2_000; // scanners type about one key every 2 ms
        if (shift) {
            ev(1, 42, 1);
        }
        ev(1, code, 1);
        ev(1, code, 0);
        if (shift) {
            ev(1, 42, 0);
        }
    }

    /** Types a string on the US layout: upper-case letters and symbols with Shift. */
    private void type(String s) {
        String plain = "1234567890-=qwertyuiop[]asdfghjkl;'`\\zxcvbnm,./";
        String shifted = "!@#$%^&*()_+QWERTYUIOP{}ASDFGHJKL:\"~|ZXCVBNM<>?";
        int[] codes = {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 30, 31,
            32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53};
        for (char c : s.toCharArray()) {
            if (c == ' ') {
                key(57, false);
            } else if (plain.indexOf(c) >= 0) {
                key(codes[plain.indexOf(c)], false);
            } else {
                key(codes[shifted.indexOf(c)], true);
            }
        }
    }

    private void decode(String layout) {
        EvdevDecoder d = new EvdevDecoder(layout, 300_000, 2048, codes::add);
        byte[] all = stream.toByteArray();
        // Reads split events anywhere.
        for (int i = 0; i < all.length; i += 17) {
            d.feed(all, i, Math.min(17, all.length - i));
        }
    }

    @Test
    void decodesAShiftedBase45BadgeEndedByEnter() {
        type("UK1:6BF$%*+-./ Q");
        key(28, false);

        decode("us");

        assertThat(codes).containsExactly("UK1:6BF$%*+-./ Q");
    }

    @Test
    void ignoresInterleavedAutorepeat() {
        type("UK1");
        ev(1, 30, 2); // KEY_A autorepeat
        ev(1, 30, 2);
        type("AB");
        key(96, false); // keypad Enter

        decode("us");

        assertThat(codes).containsExactly("UK1AB");
    }

    @Test
    void discardsACodeCutOffMidWayAndReadsTheNextOne() {
        type("UK1:HALF");
        micros += 2_000_000; // the scanner was pulled away; two seconds pass
        type("UK1:WHOLE");
        key(28, false);

        decode("us");

        assertThat(codes).containsExactly("UK1:WHOLE");
    }

    @Test
    void germanLayoutSwapsYAndZ() {
        key(21, true); // the key labelled Y on US hardware is Z on a German layout
        key(44, true);
        key(28, false);

        decode("de");

        assertThat(codes).containsExactly("ZY");
    }
}
