// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.function.Function;
import org.unionkiosk.protocol.CoseSign1.CoseFormatException;

/**
 * The token in the station's door QR (docs/phone-entry.md): proof that a phone stood at this door a moment ago.
 * A COSE_Sign1 (EdDSA, kid in the protected header) signed by the station's own key over a CBOR map
 * {@code {1: "site/station", 6: iat, 4: exp, 7: nonce}}, Base64url without padding so it rides in a URL query.
 * Central verifies it with the station's registered public key and spends each nonce once.
 */
public final class DoorToken {
    /** A token is minted every 30 s and lives for {@link #LIFETIME}: the QR in view plus a slow phone's margin. */
    public static final Duration LIFETIME = Duration.ofSeconds(60);
    /** A token is about 130 characters; anything longer is refused before decoding. */
    public static final int MAX_TEXT_LENGTH = 400;
    static final int STATION = 1;
    static final int EXP = 4;
    static final int IAT = 6;
    static final int NONCE = 7;
    private static final Set<Long> KNOWN = Set.of(1L, 4L, 6L, 7L);
    private static final SecureRandom RANDOM = new SecureRandom();

    private DoorToken() {
    }

    /** What a valid token says. {@code nonce} is hex: what central remembers to refuse a reuse. */
    public record Claims(String site, String station, Instant issuedAt, Instant expiresAt, String nonce) {
    }

    /** A verification result: the claims, or a refusal code ({@code bad_format}, {@code unknown_key}, …). */
    public record Verdict(Claims claims, String refusal, String detail) {
        public boolean ok() {
            return refusal == null;
        }

        static Verdict refused(String code, String detail) {
            return new Verdict(null, code, detail);
        }
    }

    public static String mint(SigningKey key, String site, String station, Instant now) {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        CBORObject m = CBORObject.NewMap();
        m.Add(STATION, site + "/" + station);
        m.Add(IAT, now.getEpochSecond());
        m.Add(EXP, now.plus(LIFETIME).getEpochSecond());
        m.Add(NONCE, nonce);
        CBORObject header = CBORObject.NewMap();
        header.Add(CoseSign1.HEADER_ALG, CoseSign1.ALG_EDDSA);
        header.Add(CoseSign1.HEADER_KID, key.publicKey().kid());
        CoseSign1 msg = CoseSign1.unsigned(header, m.EncodeToBytes());
        byte[] sig = key.sign(msg.toBeSigned(new byte[0]));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(msg.withSignature(sig).encode());
    }

    /**
     * Checks a token: length, envelope, signature with the key registered for the station the token names
     * ({@code keyOf} returns null for a station without a key), then its time window. Never throws.
     */
    public static Verdict verify(String text, Function<String, TrustedKey> keyOf, Clock clock, Duration skew) {
        if (text == null || text.isEmpty() || text.length() > MAX_TEXT_LENGTH) {
            return Verdict.refused("bad_format", "token missing or longer than " + MAX_TEXT_LENGTH);
        }
        CoseSign1 msg;
        CBORObject m;
        try {
            msg = CoseSign1.decode(Base64.getUrlDecoder().decode(text));
            m = CBORObject.DecodeFromBytes(msg.payload());
        } catch (IllegalArgumentException | CoseFormatException | com.upokecenter.cbor.CBORException e) {
            return Verdict.refused("bad_format", e.getMessage());
        }
        Long alg = msg.protectedAlg();
        if (alg == null || alg != CoseSign1.ALG_EDDSA || m.getType() != CBORType.Map) {
            return Verdict.refused("bad_format", "not an EdDSA-signed claims map");
        }
        CBORObject st = m.get(STATION);
        if (st == null || st.getType() != CBORType.TextString) {
            return Verdict.refused("bad_format", "no station claim");
        }
        String ref = st.AsString();
        TrustedKey key = keyOf.apply(ref);
        if (key == null) {
            return Verdict.refused("unknown_key", "no key registered for station " + ref);
        }
        byte[] kid = msg.protectedKid();
        if (kid == null || !java.util.Arrays.equals(kid, key.kid()) || !key.verify(msg.toBeSigned(new byte[0]),
                msg.signature())) {
            return Verdict.refused("bad_signature", "not signed by station " + ref);
        }
        try {
            for (CBORObject k : m.getKeys()) {
                if (!k.isNumber() || !k.CanValueFitInInt64() || !KNOWN.contains(k.AsInt64Value())) {
                    throw new IllegalArgumentException("unknown claim " + k);
                }
            }
            String[] parts = ref.split("/", -1);
            if (parts.length != 2 || !BadgeScope.isId(parts[0]) || !BadgeScope.isId(parts[1])) {
                throw new IllegalArgumentException("station must be SITE/STATION");
            }
            Instant iat = Instant.ofEpochSecond(m.get(IAT).AsInt64Value());
            Instant exp = Instant.ofEpochSecond(m.get(EXP).AsInt64Value());
            byte[] nonce = m.get(NONCE).GetByteString();
            if (nonce.length < 8 || nonce.length > 32) {
                throw new IllegalArgumentException("nonce must be 8..32 bytes");
            }
            if (Duration.between(iat, exp).compareTo(LIFETIME) > 0) {
                throw new IllegalArgumentException("lifetime over " + LIFETIME.toSeconds() + " s");
            }
            Instant now = clock.instant();
            if (now.plus(skew).isBefore(iat)) {
                return Verdict.refused("not_yet_valid", "issued in the future " + iat);
            }
            if (!now.minus(skew).isBefore(exp)) {
                return Verdict.refused("expired", "expired at " + exp);
            }
            return new Verdict(new Claims(parts[0], parts[1], iat, exp, HexFormat.of().formatHex(nonce)), null,
                    null);
        } catch (RuntimeException e) {
            return Verdict.refused("bad_format", "claims: " + e.getMessage());
        }
    }
}
