// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.provisioning;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password-file lines as {@code mosquitto_passwd} writes them for Mosquitto 2: {@code user:$7$101$salt$hash}, the
 * hash PBKDF2-HMAC-SHA512 over 101 iterations with a 12-byte salt, both Base64.
 */
final class MosquittoPasswords {
    static final int ITERATIONS = 101;

    private MosquittoPasswords() {
    }

    static String line(String user, char[] password, SecureRandom random) {
        byte[] salt = new byte[12];
        random.nextBytes(salt);
        return user + ":" + hash(password, salt);
    }

    static String hash(char[] password, byte[] salt) {
        // PBEKeySpec takes chars; Mosquitto hashes the UTF-8 bytes. The generated passwords are ASCII, so they agree.
        for (char c : password) {
            if (c > 0x7e || c < 0x21) {
                throw new IllegalArgumentException("broker passwords are printable ASCII");
            }
        }
        try {
            byte[] h = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                    .generateSecret(new PBEKeySpec(password, salt, ITERATIONS, 512)).getEncoded();
            Base64.Encoder b64 = Base64.getEncoder();
            return "$7$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(h);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 24 random bytes, Base64url: what a station's broker password is. */
    static char[] generate(SecureRandom random) {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b).toCharArray();
    }

    static boolean sameUser(String line, String user) {
        return line.startsWith(user + ":");
    }
}
