// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;

/** Maps {@link BadgeClaims} to and from a CWT claims map. See docs/badge-format.md. */
public final class BadgeCodec {
    public static final String PREFIX = "UK1:";
    static final int ISS = 1;
    static final int SUB = 2;
    static final int EXP = 4;
    static final int NBF = 5;
    static final int IAT = 6;
    static final int CTI = 7;
    /** Private-use claim keys (RFC 8392 §9.1: integers below -65536). */
    static final int SCOPE = -65537;
    static final int KIND = -65538;
    private static final Set<Long> KNOWN = Set.of(1L, 2L, 4L, 5L, 6L, 7L, (long) SCOPE, (long) KIND);

    private BadgeCodec() {
    }

    public static byte[] encodeClaims(BadgeClaims c) {
        CBORObject m = CBORObject.NewMap();
        m.Add(ISS, c.issuer());
        m.Add(SUB, c.memberId());
        m.Add(EXP, c.expiresAt().getEpochSecond());
        m.Add(NBF, c.notBefore().getEpochSecond());
        m.Add(IAT, c.issuedAt().getEpochSecond());
        m.Add(CTI, HexFormat.of().parseHex(c.badgeId()));
        m.Add(SCOPE, c.scope().toString());
        m.Add(KIND, c.kind().wire);
        return m.EncodeToBytes();
    }

    /** @throws IllegalArgumentException naming the first claim that is missing, mistyped or unknown */
    public static BadgeClaims decodeClaims(byte[] payload) {
        CBORObject m = CBORObject.DecodeFromBytes(payload);
        if (m.getType() != CBORType.Map || m.isTagged()) {
            throw new IllegalArgumentException("claims must be a map");
        }
        for (CBORObject key : m.getKeys()) {
            if (!key.isNumber() || !key.CanValueFitInInt64() || !KNOWN.contains(key.AsInt64Value())) {
                throw new IllegalArgumentException("unknown claim " + key);
            }
        }
        String scopeText = text(m, SCOPE, "scope");
        long kindWire = integer(m, KIND, "kind");
        BadgeKind kind = BadgeKind.fromWire(kindWire);
        if (kind == null) {
            throw new IllegalArgumentException("unknown kind " + kindWire);
        }
        CBORObject cti = m.get(CTI);
        if (cti == null || cti.getType() != CBORType.ByteString || cti.GetByteString().length == 0
                || cti.GetByteString().length > 32) {
            throw new IllegalArgumentException("cti must be 1..32 bytes");
        }
        return new BadgeClaims(text(m, ISS, "iss"), text(m, SUB, "sub"), time(m, IAT, "iat"), time(m, NBF, "nbf"),
                time(m, EXP, "exp"), HexFormat.of().formatHex(cti.GetByteString()), BadgeScope.parse(scopeText),
                kind);
    }

    private static String text(CBORObject m, int key, String name) {
        CBORObject v = m.get(key);
        if (v == null || v.getType() != CBORType.TextString || v.isTagged() || v.AsString().isEmpty()
                || v.AsString().length() > 64) {
            throw new IllegalArgumentException(name + " must be text of 1..64 characters");
        }
        return v.AsString();
    }

    private static long integer(CBORObject m, int key, String name) {
        CBORObject v = m.get(key);
        if (v == null || v.getType() != CBORType.Integer || v.isTagged() || !v.CanValueFitInInt64()) {
            throw new IllegalArgumentException(name + " must be an integer");
        }
        return v.AsInt64Value();
    }

    private static Instant time(CBORObject m, int key, String name) {
        long s = integer(m, key, name);
        if (s < 0 || s > 253402300799L) {
            throw new IllegalArgumentException(name + " out of range");
        }
        return Instant.ofEpochSecond(s);
    }
}
