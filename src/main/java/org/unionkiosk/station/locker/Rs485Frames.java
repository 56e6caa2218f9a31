// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.locker;

/**
 * Frames of the common "8A" RS-485 lock-control board family. Every frame ends with the XOR of its other bytes.
 * <pre>
 * open lock     8A BB LL 11 CS  -> reply 8A BB LL SS CS   (SS: 11 door open, 00 closed)
 * read status   80 BB 00 33 CS  -> reply 80 BB S1 S2 S3 33 CS   (bitmaps of locks 1-8, 9-16, 17-24; 1 = open)
 * </pre>
 * BB is the board address (DIP switches, 1-based), LL the lock number on the board (1-based).
 */
public final class Rs485Frames {
    public static final int OPEN = 0x8A;
    public static final int STATUS = 0x80;

    private Rs485Frames() {
    }

    public static byte[] open(int board, int lock) {
        return withChecksum(OPEN, board, lock, 0x11);
    }

    public static byte[] status(int board) {
        return withChecksum(STATUS, board, 0x00, 0x33);
    }

    static byte[] withChecksum(int... bytes) {
        byte[] f = new byte[bytes.length + 1];
        int cs = 0;
        for (int i = 0; i < bytes.length; i++) {
            f[i] = (byte) bytes[i];
            cs ^= bytes[i];
        }
        f[bytes.length] = (byte) cs;
        return f;
    }

    /** Whether the last byte is the XOR of the others. */
    public static boolean valid(byte[] f) {
        int cs = 0;
        for (int i = 0; i < f.length - 1; i++) {
            cs ^= f[i] & 0xff;
        }
        return f.length >= 2 && (f[f.length - 1] & 0xff) == cs;
    }
}
