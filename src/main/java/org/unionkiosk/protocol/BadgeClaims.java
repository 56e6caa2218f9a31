// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * What a badge says, as a CWT claims set (RFC 8392): iss, sub, iat, nbf, exp, cti, plus the private claims scope
 * and kind. Times are whole seconds (CWT NumericDate).
 *
 * @param badgeId the CWT id (cti), unique per badge: what a badge revocation names
 */
public record BadgeClaims(String issuer, String memberId, Instant issuedAt, Instant notBefore, Instant expiresAt,
                          String badgeId, BadgeScope scope, BadgeKind kind) {
    public BadgeClaims {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(badgeId, "badgeId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(kind, "kind");
        if (!expiresAt.isAfter(notBefore)) {
            throw new IllegalArgumentException("exp must be after nbf");
        }
    }
}
