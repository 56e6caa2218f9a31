// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.scanner;

import java.util.HashMap;
import java.util.Map;

/**
 * Linux key codes to characters, unshifted and shifted, for the keyboard layouts scanners are set to. Covers what
 * a badge can contain (Base45 and printable ASCII on US; Base45 on German).
 */
final class KeyboardLayout {
    static final int KEY_LEFTSHIFT = 42;
    static final int KEY_RIGHTSHIFT = 54;
    static final int KEY_ENTER = 28;
    static final int KEY_KPENTER = 96;

    private final Map<Integer, char[]> keys = new HashMap<>();

    private KeyboardLayout() {
    }

    static KeyboardLayout named(String name) {
        return switch (name) {
            case "us" -> us();
            case "de" -> de();
            default -> throw new IllegalArgumentException("keyboard layout must be us or de, was " + name);
        };
    }

    /** The character for a key press, or 0 for keys that produce none. */
    char charFor(int code, boolean shift) {
        char[] c = keys.get(code);
        return c == null ? 0 : c[shift ? 1 : 0];
    }

    private void row(int firstCode, String plain, String shifted) {
        for (int i = 0; i < plain.length(); i++) {
            keys.put(firstCode + i, new char[] {plain.charAt(i), shifted.charAt(i)});
        }
    }

    private void keypad() {
        int[] codes = {71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 55, 98};
        String chars = "789-456+1230.*/";
        for (int i = 0; i < codes.length; i++) {
            keys.put(codes[i], new char[] {chars.charAt(i), chars.charAt(i)});
        }
        keys.put(57, new char[] {' ', ' '});
    }

    private static KeyboardLayout us() {
        KeyboardLayout l = new KeyboardLayout();
        l.row(2, "1234567890-=", "!@#$%^&*()_+");
        l.row(16, "qwertyuiop[]", "QWERTYUIOP{}");
        l.row(30, "asdfghjkl;'`", "ASDFGHJKL:\"~");
        l.row(43, "\\zxcvbnm,./", "|ZXCVBNM<>?");
        l.keypad();
        return l;
    }

    private static KeyboardLayout de() {
        KeyboardLayout l = new KeyboardLayout();
        l.row(2, "1234567890", "!\"§$%&/()=");
        l.row(16, "qwertzuiop", "QWERTZUIOP");
        l.keys.put(27, new char[] {'+', '*'});
        l.row(30, "asdfghjkl", "ASDFGHJKL");
        l.keys.put(43, new char[] {'#', '\''});
        l.row(44, "yxcvbnm,.-", "YXCVBNM;:_");
        l.keypad();
        return l;
    }
}
