// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Base64;
import java.util.HexFormat;

/** Verifies a vector's signature with the JDK's own providers, independent of the code under test. */
public final class ReferenceVerifier {
    private ReferenceVerifier() {
    }

    static boolean verify(JsonNode jwk, byte[] message, byte[] signature) throws Exception {
        String crv = jwk.path("crv").asText();
        Signature sig;
        PublicKey key;
        switch (crv) {
            case "P-256" -> {
                AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
                params.init(new ECGenParameterSpec("secp256r1"));
                ECPoint w = new ECPoint(coordinate(jwk, "x"), coordinate(jwk, "y"));
                key = KeyFactory.getInstance("EC")
                        .generatePublic(new ECPublicKeySpec(w, params.getParameterSpec(ECParameterSpec.class)));
                sig = Signature.getInstance("SHA256withECDSAinP1363Format");
            }
            case "Ed25519", "Ed448" -> {
                key = jdkEdDsa(crv, HexFormat.of().parseHex(jwk.path("x_hex").asText()));
                sig = Signature.getInstance(crv);
            }
            default -> {
                return false;
            }
        }
        sig.initVerify(key);
        sig.update(message);
        try {
            return sig.verify(signature);
        } catch (java.security.SignatureException e) {
            return false;
        }
    }

    /** RFC 8032 encoding: little-endian y with the sign of x in the top bit. */
    public static PublicKey jdkEd25519(byte[] raw) throws Exception {
        return jdkEdDsa("Ed25519", raw);
    }

    static PublicKey jdkEdDsa(String curve, byte[] raw) throws Exception {
        byte[] be = new byte[raw.length];
        for (int i = 0; i < raw.length; i++) {
            be[i] = raw[raw.length - 1 - i];
        }
        boolean xOdd = (be[0] & 0x80) != 0;
        be[0] &= 0x7f;
        return KeyFactory.getInstance(curve).generatePublic(
                new EdECPublicKeySpec(new NamedParameterSpec(curve), new EdECPoint(xOdd, new BigInteger(1, be))));
    }

    private static BigInteger coordinate(JsonNode jwk, String name) {
        String hex = jwk.path(name + "_hex").asText(null);
        byte[] b = hex != null ? HexFormat.of().parseHex(hex) : Base64.getUrlDecoder().decode(jwk.path(name).asText());
        return new BigInteger(1, b);
    }
}
