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
 * Phone numbers at rest: AES-256-GCM with the key from {@code secrets.memberDataKeyFile} (random 96-bit nonce per
 * value, stored as {@code v1:<base64(nonce|ciphertext|tag)>}), plus a keyed hash (HMAC-SHA256 under a key derived
 * from the same secret) so a returning phone is found without decrypting every row. Thread-safe.
 */
final class PhoneCipher {
    /** Mainland mobile numbers: 11 digits starting 1. */
    static final Pattern PHONE = Pattern.compile("1[3-9]\\d{9}");
    private static final String PREFIX = "v1:";
    private final SecretKeySpec aes;
    private final SecretKeySpec hashKey;
    private final SecureRandom random = new SecureRandom();

    PhoneCipher(byte[] memberDataKey) {
        if (memberDataKey == null || memberDataKey.length != 32) {
            throw new IllegalArgumentException("secrets.memberDataKeyFile must hold 32 bytes for phone entry");
        }
        this.aes = new SecretKeySpec(memberDataKey, "AES");
        this.hashKey = new SecretKeySpec(hmac(new SecretKeySpec(memberDataKey, "HmacSHA256"),
                "union-kiosk phone hash v1"), "HmacSHA256");
    }

    /** Digits only: spaces, dashes and a +86 prefix are dropped; null if it is not a mobile number. */
    static String normalise(String raw) {
        if (raw == null) {
            return null;
        }
        String d = raw.replaceAll("[\\s-]", "");
        if (d.startsWith("+86")) {
            d = d.substring(3);
        }
        return PHONE.matcher(d).matches() ? d : null;
    }

    /** 138****1234. */
    static String mask(String phone) {
        return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
    }

    String hash(String phone) {
        return HexFormat.of().formatHex(hmac(hashKey, phone));
    }

    String encrypt(String phone) {
        try {
            byte[] nonce = new byte[12];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, aes, new GCMParameterSpec(128, nonce));
            byte[] ct = c.doFinal(phone.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + ct.length).put(nonce).put(ct)
                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** @throws IllegalArgumentException when the value was not made with this key */
    String decrypt(String stored) {
        try {
            if (!stored.startsWith(PREFIX)) {
                throw new IllegalArgumentException("unknown phone encryption version");
            }
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, aes, new GCMParameterSpec(128, all, 0, 12));
            return new String(c.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("phone does not decrypt with this key", e);
        }
    }

    private static byte[] hmac(SecretKeySpec key, String text) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
