// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.scanner;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;

/**
 * Turns a keyboard-mode scanner's evdev stream into codes. Each {@code struct input_event} on a 64-bit kernel is
 * 24 bytes, little-endian: {@code tv_sec} (8), {@code tv_usec} (8), {@code type} (2), {@code code} (2),
 * {@code value} (4). Only key presses (EV_KEY, value 1) type characters; releases track Shift; autorepeat
 * (value 2) is ignored. Enter ends a code; a code whose next key comes later than {@code timeoutMicros} is
 * discarded as cut off. Not thread-safe: the reader thread feeds it.
 */
public final class EvdevDecoder {
    public static final int EVENT_SIZE = 24;
    private static final int EV_KEY = 1;

    private final KeyboardLayout layout;
    private final long timeoutMicros;
    private final int maxLength;
    private final Consumer<String> onCode;
    private final StringBuilder code = new StringBuilder();
    private final ByteBuffer pending = ByteBuffer.allocate(EVENT_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    private boolean leftShift;
    private boolean rightShift;
    private long lastKeyMicros = Long.MIN_VALUE;
    private boolean overflow;

    public EvdevDecoder(String layout, long timeoutMicros, int maxLength, Consumer<String> onCode) {
        this.layout = KeyboardLayout.named(layout);
        this.timeoutMicros = timeoutMicros;
        this.maxLength = maxLength;
        this.onCode = onCode;
    }

    /** Bytes as read from the device; reads may split events anywhere. */
    public void feed(byte[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) {
            pending.put(buf[i]);
            if (!pending.hasRemaining()) {
                pending.flip();
                long sec = pending.getLong();
                long usec = pending.getLong();
                int type = pending.getShort() & 0xffff;
                int keyCode = pending.getShort() & 0xffff;
                int value = pending.getInt();
                pending.clear();
                event(sec * 1_000_000L + usec, type, keyCode, value);
            }
        }
    }

    private void event(long micros, int type, int keyCode, int value) {
        if (type != EV_KEY) {
            return;
        }
        if (keyCode == KeyboardLayout.KEY_LEFTSHIFT) {
            leftShift = value != 0;
            return;
        }
        if (keyCode == KeyboardLayout.KEY_RIGHTSHIFT) {
            rightShift = value != 0;
            return;
        }
        if (value != 1) {
            return; // release or autorepeat
        }
        if (code.length() > 0 && micros - lastKeyMicros > timeoutMicros) {
            code.setLength(0); // the previous code was cut off mid-way
            overflow = false;
        }
        lastKeyMicros = micros;
        if (keyCode == KeyboardLayout.KEY_ENTER || keyCode == KeyboardLayout.KEY_KPENTER) {
            if (code.length() > 0 && !overflow) {
                onCode.accept(code.toString());
            }
            code.setLength(0);
            overflow = false;
            return;
        }
        char c = layout.charFor(keyCode, leftShift || rightShift);
        if (c != 0) {
            if (code.length() >= maxLength) {
                overflow = true;
            } else {
                code.append(c);
            }
        }
    }

    /** Forgets a half-read code and modifier state (device reopened). */
    public void reset() {
        code.setLength(0);
        pending.clear();
        leftShift = false;
        rightShift = false;
        overflow = false;
    }
}
