// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.unionkiosk.protocol.BadgeVerdict.Refused;
import org.unionkiosk.protocol.BadgeVerdict.Valid;

class BadgeVerifierTest {
    private static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");
    private final SigningKey key = Badges.newKey();
    private final BadgeVerifier verifier = verifierAt(NOW, key.publicKey());

    private static BadgeVerifier verifierAt(Instant now, TrustedKey... trusted) {
        return new BadgeVerifier(new TrustedKeys(List.of(trusted)), Clock.fixed(now, ZoneOffset.UTC),
                Duration.ofMinutes(2));
    }

    private static RefusalReason reasonOf(BadgeVerdict v) {
        assertThat(v).isInstanceOf(Refused.class);
        return ((Refused) v).reason();
    }

    @Test
    void acceptsAnIssuedBadgeAndReturnsItsClaims() {
        BadgeClaims claims = Badges.card("m-1001", NOW, Duration.ofDays(30), BadgeScope.parse("site:sz-nanshan"));

        BadgeVerdict v = verifier.verify(Badges.issue(key, claims));

        assertThat(v).isInstanceOf(Valid.class);
        assertThat(((Valid) v).claims()).isEqualTo(claims);
        assertThat(((Valid) v).kid()).isEqualTo(key.publicKey().kidHex());
    }

    @Test
    void badgeTextUsesOnlyQrAlphanumericCharacters() {
        String text = Badges.issue(key, Badges.card("m-1", NOW, Duration.ofDays(1), BadgeScope.ALL));

        assertThat(text).startsWith("UK1:").matches("[0-9A-Z $%*+\\-./:]+").hasSizeLessThan(300);
    }

    @Test
    void signatureCrossChecksWithTheJdkProvider() throws Exception {
        byte[] message = "Sig_structure stand-in".getBytes();
        byte[] sig = key.sign(message);

        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(ReferenceVerifier.jdkEd25519(key.publicKey().publicKey()));
        jdk.update(message);

        assertThat(jdk.verify(sig)).isTrue();
        assertThat(key.publicKey().verify(message, sig)).isTrue();
    }

    @Test
    void triesEveryTrustedKeySharingAKid() {
        SigningKey other = Badges.newKey();
        String text = Badges.issue(key, Badges.card("m-2", NOW, Duration.ofDays(1), BadgeScope.ALL));

        BadgeVerdict v = verifierAt(NOW, other.publicKey(), key.publicKey()).verify(text);

        assertThat(v).isInstanceOf(Valid.class);
    }

    @Nested
    class Refuses {
        @Test
        void anUntrustedSigner() {
            String text = Badges.issue(Badges.newKey(), Badges.card("m-3", NOW, Duration.ofDays(1), BadgeScope.ALL));

            assertThat(reasonOf(verifier.verify(text))).isEqualTo(RefusalReason.UNKNOWN_KEY);
        }

        @Test
        void anExpiredBadgeBeyondTheSkew() {
            BadgeClaims c = Badges.card("m-4", NOW.minus(Duration.ofDays(2)), Duration.ofDays(1), BadgeScope.ALL);

            assertThat(reasonOf(verifier.verify(Badges.issue(key, c)))).isEqualTo(RefusalReason.EXPIRED);
        }

        @Test
        void aBadgeNotYetValid() {
            BadgeClaims c = new BadgeClaims("u", "m-5", NOW, NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(1)),
                    "01", BadgeScope.ALL, BadgeKind.CARD);

            assertThat(reasonOf(verifier.verify(Badges.issue(key, c)))).isEqualTo(RefusalReason.NOT_YET_VALID);
        }

        @Test
        void aPhoneCodeClaimingALongLife() {
            BadgeClaims c = new BadgeClaims("u", "m-6", NOW, NOW, NOW.plus(Duration.ofHours(1)), "02", BadgeScope.ALL,
                    BadgeKind.PHONE);

            assertThat(reasonOf(verifier.verify(Badges.issue(key, c)))).isEqualTo(RefusalReason.BAD_FORMAT);
        }

        @Test
        void garbageEmptyTruncatedAndOversizedText() {
            String good = Badges.issue(key, Badges.card("m-7", NOW, Duration.ofDays(1), BadgeScope.ALL));

            assertThat(reasonOf(verifier.verify(""))).isEqualTo(RefusalReason.BAD_FORMAT);
            assertThat(reasonOf(verifier.verify("hello world"))).isEqualTo(RefusalReason.BAD_FORMAT);
            assertThat(reasonOf(verifier.verify("UK1:"))).isEqualTo(RefusalReason.BAD_FORMAT);
            assertThat(reasonOf(verifier.verify(good.substring(0, good.length() - 3)))).isNotNull();
            assertThat(reasonOf(verifier.verify("UK1:" + "A".repeat(10_000)))).isEqualTo(RefusalReason.BAD_FORMAT);
        }

        @Test
        void everySingleBitFlipOfAGenuineBadge() {
            String good = Badges.issue(key, Badges.card("m-8", NOW, Duration.ofDays(1), BadgeScope.ALL));
            byte[] cose = Base45.decode(good.substring(4));

            for (int bit = 0; bit < cose.length * 8; bit++) {
                byte[] mutated = cose.clone();
                mutated[bit / 8] ^= (byte) (1 << (bit % 8));

                assertThat(verifier.verify("UK1:" + Base45.encode(mutated))).as("bit %d", bit)
                        .isInstanceOf(Refused.class);
            }
        }
    }
}
