// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 public key a verifier trusts. The point is decoded and validated once here, so each verify skips
 * point decompression. {@code kid} is the first 8 bytes of SHA-256 of the 32-byte key.
 */
public final class TrustedKey {
    public static final int KID_LENGTH = 8;

    private final byte[] publicKey;
    private final byte[] kid;
    private final Ed25519.PublicPoint point;

    private TrustedKey(byte[] publicKey) {
        if (publicKey.length != Ed25519.PUBLIC_KEY_SIZE) {
            throw new IllegalArgumentException("Ed25519 public key must be 32 bytes, was " + publicKey.length);
        }
        this.publicKey = publicKey.clone();
        this.point = Ed25519.validatePublicKeyFullExport(this.publicKey, 0);
        if (point == null) {
            throw new IllegalArgumentException("not a valid Ed25519 public key");
        }
        this.kid = kidOf(this.publicKey);
    }

    public static TrustedKey of(byte[] publicKey) {
        return new TrustedKey(publicKey);
    }

    public static byte[] kidOf(byte[] publicKey) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(publicKey), KID_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    public boolean verify(byte[] message, byte[] signature) {
        return signature.length == Ed25519.SIGNATURE_SIZE
                && Ed25519.verify(signature, 0, point, message, 0, message.length);
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public byte[] kid() {
        return kid.clone();
    }

    public String kidHex() {
        return HexFormat.of().formatHex(kid);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrustedKey k && Arrays.equals(publicKey, k.publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "TrustedKey[kid=" + kidHex() + "]";
    }
}
