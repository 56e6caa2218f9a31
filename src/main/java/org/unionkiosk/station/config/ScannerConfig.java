// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One badge reader and its role. {@code serial} reads lines from a tty (jSerialComm) or a FIFO (simulation,
 * tests); {@code hid} reads a keyboard-mode scanner through evdev; {@code camera} decodes QR codes from frames.
 * Only the settings block of the reader's type is non-null.
 *
 * @param maxCodesPerSecond more than this is a flood: reported as a health problem and the reader restarted
 */
public record ScannerConfig(String id, Type type, Role role, Path device, int maxLineLength, int maxCodesPerSecond,
                            Serial serial, Hid hid, Camera camera) {
    public static final int DEFAULT_MAX_LINE = 2048;

    public enum Type {
        SERIAL, HID, CAMERA;

        @Override
        public String toString() {
            return name().toLowerCase();
        }
    }

    /** Entry readers admit people, exit readers let them out (and count them out); locker readers serve lockers. */
    public enum Role {
        ENTRY, EXIT, LOCKER;

        @Override
        public String toString() {
            return name().toLowerCase();
        }
    }

    /**
     * Serial framing. {@code terminator}: {@code auto} (CR, LF or CRLF), {@code cr}, {@code lf}, {@code crlf}, or
     * any other text used as a literal suffix.
     */
    public record Serial(int baud, int dataBits, String parity, int stopBits, String terminator) {
    }

    /** Keyboard-mode scanner: layout for key codes, and how long a half-read code may wait for its Enter. */
    public record Hid(String layout, Duration codeTimeout) {
    }

    /**
     * Camera: {@code source} {@code rpicam} (rpicam-vid, YUV420 on stdout), {@code v4l2} (ffmpeg from the device,
     * grey frames) or {@code command} (any shell pipeline writing raw YUV420 frames of this size to stdout); frame
     * size; region of interest in pixels (0 width = whole frame); restart when no frame came for {@code stall}.
     */
    public record Camera(String source, String command, int width, int height, int fps, int roiX, int roiY,
                         int roiWidth, int roiHeight, Duration stall) {
    }
}
