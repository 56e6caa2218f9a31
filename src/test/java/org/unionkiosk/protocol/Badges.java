// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

/** Test factory for signed badges. */
public final class Badges {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Badges() {
    }

    public static SigningKey newKey() {
        return SigningKey.generate(RANDOM);
    }

    public static BadgeClaims card(String member, Instant now, Duration valid, BadgeScope scope) {
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        return new BadgeClaims("test-union", member, now, now.minusSeconds(60), now.plus(valid),
                java.util.HexFormat.of().formatHex(id), scope, BadgeKind.CARD);
    }

    public static String issue(SigningKey key, BadgeClaims claims) {
        return new BadgeIssuer(key).issue(claims);
    }
}
