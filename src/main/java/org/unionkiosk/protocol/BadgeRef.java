// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A short, non-reversible reference to a scanned text, for logs and events: raw QR payloads are never logged. */
public final class BadgeRef {
    private BadgeRef() {
    }

    public static String of(String scannedText) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(scannedText.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
