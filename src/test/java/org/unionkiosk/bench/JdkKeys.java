// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.bench;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;

final class JdkKeys {
    private JdkKeys() {
    }

    /** RFC 8032 encoding (little-endian y, x sign in the top bit) to a JDK key. */
    static PublicKey ed25519(byte[] raw) throws Exception {
        byte[] be = new byte[raw.length];
        for (int i = 0; i < raw.length; i++) {
            be[i] = raw[raw.length - 1 - i];
        }
        boolean xOdd = (be[0] & 0x80) != 0;
        be[0] &= 0x7f;
        return KeyFactory.getInstance("Ed25519").generatePublic(
                new EdECPublicKeySpec(NamedParameterSpec.ED25519, new EdECPoint(xOdd, new BigInteger(1, be))));
    }
}
