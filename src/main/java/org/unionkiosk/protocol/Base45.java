// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

import java.io.ByteArrayOutputStream;

/** RFC 9285 Base45: the QR alphanumeric-mode alphabet, so a badge fits a smaller QR code than Base64 would. */
public final class Base45 {
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    private static final int[] VALUES = new int[128];

    static {
        java.util.Arrays.fill(VALUES, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            VALUES[ALPHABET.charAt(i)] = i;
        }
    }

    private Base45() {
    }

    public static String encode(byte[] data) {
        StringBuilder out = new StringBuilder((data.length + 1) / 2 * 3);
        int i = 0;
        for (; i + 1 < data.length; i += 2) {
            int n = (data[i] & 0xff) * 256 + (data[i + 1] & 0xff);
            out.append(ALPHABET.charAt(n % 45)).append(ALPHABET.charAt(n / 45 % 45)).append(ALPHABET.charAt(n / 2025));
        }
        if (i < data.length) {
            int n = data[i] & 0xff;
            out.append(ALPHABET.charAt(n % 45)).append(ALPHABET.charAt(n / 45));
        }
        return out.toString();
    }

    /** @throws IllegalArgumentException on a character outside the alphabet, a dangling character or a group
     *  whose value does not fit its bytes (RFC 9285 §4.4). */
    public static byte[] decode(CharSequence text) {
        int len = text.length();
        if (len % 3 == 1) {
            throw new IllegalArgumentException("Base45 length " + len + " leaves a single character");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(len / 3 * 2 + 1);
        for (int i = 0; i < len; i += 3) {
            int c = value(text, i);
            int d = value(text, i + 1);
            if (i + 2 < len) {
                int n = c + d * 45 + value(text, i + 2) * 2025;
                if (n > 0xffff) {
                    throw new IllegalArgumentException("Base45 group at " + i + " exceeds 65535");
                }
                out.write(n >> 8);
                out.write(n & 0xff);
            } else {
                int n = c + d * 45;
                if (n > 0xff) {
                    throw new IllegalArgumentException("Base45 final group at " + i + " exceeds 255");
                }
                out.write(n);
            }
        }
        return out.toByteArray();
    }

    private static int value(CharSequence text, int index) {
        char ch = text.charAt(index);
        int v = ch < 128 ? VALUES[ch] : -1;
        if (v < 0) {
            throw new IllegalArgumentException("Base45 character not allowed at " + index);
        }
        return v;
    }
}
