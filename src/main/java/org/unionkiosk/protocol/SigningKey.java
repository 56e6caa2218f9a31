// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

import java.security.SecureRandom;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** An Ed25519 private key (the 32-byte RFC 8032 seed) with its public half. Used by issuers and central only. */
public final class SigningKey {
    private final byte[] seed;
    private final TrustedKey publicKey;

    private SigningKey(byte[] seed) {
        if (seed.length != Ed25519.SECRET_KEY_SIZE) {
            throw new IllegalArgumentException("Ed25519 seed must be 32 bytes, was " + seed.length);
        }
        this.seed = seed.clone();
        byte[] pk = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(this.seed, 0, pk, 0);
        this.publicKey = TrustedKey.of(pk);
    }

    public static SigningKey generate(SecureRandom random) {
        byte[] seed = new byte[Ed25519.SECRET_KEY_SIZE];
        random.nextBytes(seed);
        return new SigningKey(seed);
    }

    public static SigningKey fromSeed(byte[] seed) {
        return new SigningKey(seed);
    }

    public byte[] sign(byte[] message) {
        byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(seed, 0, message, 0, message.length, sig, 0);
        return sig;
    }

    public TrustedKey publicKey() {
        return publicKey;
    }

    byte[] seed() {
        return seed.clone();
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + publicKey.kidHex() + ", seed=<redacted>]";
    }
}
