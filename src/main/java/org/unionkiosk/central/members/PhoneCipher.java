// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.members;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Phone numbers at rest: AES-256-GCM under the member-data key from config, a fresh 96-bit nonce each time, stored
 * as Base64 of nonce and ciphertext. A database dump without the key file shows no phone numbers. A keyed hash
 * (HMAC-SHA256 under a key derived from the same secret) finds a returning phone without decrypting every row.
 */
final class PhoneCipher {
    private static final int NONCE = 12;
    /** Mainland mobile numbers: 11 digits starting 1 (what the phone page accepts). */
    static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private final SecretKeySpec key;
    private final SecretKeySpec hashKey;
    private final SecureRandom random = new SecureRandom();

    PhoneCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
        this.hashKey = new SecretKeySpec(hmac(new SecretKeySpec(key, "HmacSHA256"), "union-kiosk phone hash v1"),
                "HmacSHA256");
    }

    /** Digits only: spaces, dashes and a +86 prefix are dropped; null if it is not a mainland mobile number. */
    static String normalise(String raw) {
        if (raw == null || raw.length() > 32) {
            return null;
        }
        String d = raw.replaceAll("[\\s-]", "");
        if (d.startsWith("+86")) {
            d = d.substring(3);
        }
        return MOBILE.matcher(d).matches() ? d : null;
    }

    /** The lookup hash of a normalised phone: equal phones, equal hashes; useless without the key. */
    String hash(String phone) {
        return HexFormat.of().formatHex(hmac(hashKey, phone));
    }

    private static byte[] hmac(SecretKeySpec k, String text) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(k);
            return m.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    String encrypt(String phone) {
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] ct = c.doFinal(phone.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE + ct.length).put(nonce).put(ct)
                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    String decrypt(String stored) {
        try {
            byte[] all = Base64.getDecoder().decode(stored);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, NONCE));
            return new String(c.doFinal(all, NONCE, all.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("phone cannot be decrypted: wrong memberDataKeyFile?", e);
        }
    }

    /** {@code 13812341234} → {@code 138****1234} (issue 13); numbers of 8 digits or fewer keep only the first 3. */
    static String mask(String phone) {
        if (phone == null) {
            return null;
        }
        if (phone.length() <= 5) {
            return "*".repeat(phone.length());
        }
        if (phone.length() <= 8) {
            return phone.substring(0, 3) + "*".repeat(phone.length() - 3);
        }
        return phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
    }
}
