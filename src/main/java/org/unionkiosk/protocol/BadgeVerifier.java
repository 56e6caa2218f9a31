// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.unionkiosk.protocol.BadgeVerdict.Refused;
import org.unionkiosk.protocol.CoseSign1.CoseFormatException;

/**
 * Verifies scanned badge text offline. Order matters: bound the length, decode the envelope, verify the signature
 * with every trusted key of the kid, and only then read and validate the claims. Thread-safe and allocation-light;
 * it never throws on any input.
 */
public final class BadgeVerifier {
    /** A UK1 badge is about 200 characters; anything far longer is refused before decoding. */
    public static final int MAX_TEXT_LENGTH = 1024;
    /** A phone code that claims to live longer than this was not minted by a member page. */
    public static final Duration MAX_PHONE_LIFETIME = Duration.ofMinutes(5);
    private static final byte[] NO_AAD = new byte[0];

    private final TrustedKeys keys;
    private final Clock clock;
    private final Duration skew;

    public BadgeVerifier(TrustedKeys keys, Clock clock, Duration skew) {
        this.keys = keys;
        this.clock = clock;
        this.skew = skew;
    }

    public BadgeVerdict verify(String text) {
        if (text == null || text.length() > MAX_TEXT_LENGTH) {
            return refused(RefusalReason.BAD_FORMAT, "longer than " + MAX_TEXT_LENGTH + " characters");
        }
        if (!text.startsWith(BadgeCodec.PREFIX)) {
            return refused(RefusalReason.BAD_FORMAT, "no " + BadgeCodec.PREFIX + " prefix");
        }
        CoseSign1 msg;
        try {
            msg = CoseSign1.decode(Base45.decode(text.substring(BadgeCodec.PREFIX.length())));
        } catch (IllegalArgumentException | CoseFormatException e) {
            return refused(RefusalReason.BAD_FORMAT, e.getMessage());
        }
        Long alg = msg.protectedAlg();
        if (alg == null || alg != CoseSign1.ALG_EDDSA) {
            return refused(RefusalReason.BAD_SIGNATURE, "protected alg " + alg + " is not EdDSA (-8)");
        }
        byte[] kid = msg.protectedKid();
        if (kid == null) {
            return refused(RefusalReason.BAD_FORMAT, "no kid in the protected header");
        }
        var candidates = keys.withKid(kid);
        if (candidates.isEmpty()) {
            return refused(RefusalReason.UNKNOWN_KEY, "no trusted key with kid " + java.util.HexFormat.of()
                    .formatHex(kid));
        }
        byte[] tbs = msg.toBeSigned(NO_AAD);
        TrustedKey signer = null;
        for (TrustedKey k : candidates) {
            if (k.verify(tbs, msg.signature())) {
                signer = k;
                break;
            }
        }
        if (signer == null) {
            return refused(RefusalReason.BAD_SIGNATURE, "signature does not verify");
        }
        BadgeClaims claims;
        try {
            claims = BadgeCodec.decodeClaims(msg.payload());
        } catch (RuntimeException e) {
            // Signed by a trusted key yet malformed: an issuer bug, still never a grant.
            return refused(RefusalReason.BAD_FORMAT, "claims: " + e.getMessage());
        }
        if (claims.kind() == BadgeKind.PHONE
                && Duration.between(claims.notBefore(), claims.expiresAt()).compareTo(MAX_PHONE_LIFETIME) > 0) {
            return refused(RefusalReason.BAD_FORMAT, "phone code valid longer than " + MAX_PHONE_LIFETIME);
        }
        Instant now = clock.instant();
        if (now.plus(skew).isBefore(claims.notBefore())) {
            return refused(RefusalReason.NOT_YET_VALID, "valid from " + claims.notBefore());
        }
        if (!now.minus(skew).isBefore(claims.expiresAt())) {
            return refused(RefusalReason.EXPIRED, "expired at " + claims.expiresAt());
        }
        return new BadgeVerdict.Valid(claims, signer.kidHex());
    }

    private static Refused refused(RefusalReason reason, String detail) {
        return new Refused(reason, detail);
    }
}
