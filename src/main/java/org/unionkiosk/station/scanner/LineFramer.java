// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.scanner;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Cuts a scanner's byte stream into codes. Terminator {@code auto}: CR, LF or CRLF (empty lines are skipped);
 * {@code cr}, {@code lf}, {@code crlf}: exactly that; anything else: that literal suffix. A line longer than
 * {@code maxLength} is dropped whole, up to its terminator, and reported through {@code onOverflow}.
 * Not thread-safe: one reader thread feeds it.
 */
public final class LineFramer {
    private final byte[] suffix;
    private final boolean auto;
    private final int maxLength;
    private final Consumer<String> onLine;
    private final Runnable onOverflow;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private boolean overflow;
    private final byte[] recent;
    private int recentCount;
    private byte lastByte;

    public LineFramer(String terminator, int maxLength, Consumer<String> onLine, Runnable onOverflow) {
        this.auto = "auto".equals(terminator);
        this.suffix = switch (terminator) {
            case "auto" -> new byte[0];
            case "cr" -> new byte[] {'\r'};
            case "lf" -> new byte[] {'\n'};
            case "crlf" -> new byte[] {'\r', '\n'};
            default -> terminator.getBytes(StandardCharsets.UTF_8);
        };
        this.recent = new byte[Math.max(1, suffix.length)];
        this.maxLength = maxLength;
        this.onLine = onLine;
        this.onOverflow = onOverflow;
    }

    public void feed(byte[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) {
            feed(buf[i]);
        }
    }

    private void feed(byte b) {
        if (auto && (b == '\r' || b == '\n')) {
            end(0);
            return;
        }
        line.write(b);
        lastByte = b;
        if (!auto && endsWithSuffix()) {
            end(suffix.length);
            return;
        }
        if (line.size() > maxLength + suffix.length) {
            // Too long: forget the content, but keep enough bytes to recognise the terminator when it comes.
            overflow = true;
            byte[] keep = line.toByteArray();
            line.reset();
            line.write(keep, keep.length - suffix.length, suffix.length);
        }
    }

    private boolean endsWithSuffix() {
        // Compare against the newest bytes without copying the whole line.
        recent[recentCount++ % recent.length] = lastByte;
        if (recentCount < suffix.length) {
            return false;
        }
        for (int i = 0; i < suffix.length; i++) {
            if (recent[(recentCount - suffix.length + i) % recent.length] != suffix[i]) {
                return false;
            }
        }
        return true;
    }

    private void end(int trailing) {
        byte[] b = line.toByteArray();
        line.reset();
        recentCount = 0;
        if (overflow) {
            overflow = false;
            onOverflow.run();
            return;
        }
        int n = b.length - trailing;
        if (n > maxLength) {
            onOverflow.run();
        } else if (n > 0) {
            onLine.accept(new String(b, 0, n, StandardCharsets.UTF_8));
        }
    }

    /** Discards a partial line (the device went away mid-code). */
    public void reset() {
        line.reset();
        recentCount = 0;
        overflow = false;
    }
}
