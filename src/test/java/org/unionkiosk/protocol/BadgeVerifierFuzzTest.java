// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random and mutated texts thrown at the verifier: only a byte-identical issued badge is ever valid. */
class BadgeVerifierFuzzTest {
    private static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");
    private static final SigningKey KEY = Badges.newKey();
    private static final String GENUINE = Badges.issue(KEY,
            Badges.card("m-fuzz", NOW, Duration.ofDays(30), BadgeScope.ALL));
    private static final byte[] GENUINE_COSE = Base45.decode(GENUINE.substring(4));
    private static final BadgeVerifier VERIFIER = new BadgeVerifier(new TrustedKeys(List.of(KEY.publicKey())),
            Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(2));

    @Property(tries = 50_000)
    void mutatedBadgesAreNeverValid(@ForAll("mutatedBadges") String text) {
        BadgeVerdict v = VERIFIER.verify(text);

        if (!text.equals(GENUINE)) {
            assertThat(v).isInstanceOf(BadgeVerdict.Refused.class);
        }
    }

    @Property(tries = 50_000)
    void randomTextIsNeverValid(@ForAll("randomTexts") String text) {
        assertThat(VERIFIER.verify(text)).isInstanceOf(BadgeVerdict.Refused.class);
    }

    @Provide
    Arbitrary<String> randomTexts() {
        Arbitrary<String> base45ish = Arbitraries.strings().withChars("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
                .ofMaxLength(400).map(s -> "UK1:" + s);
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(2000), base45ish,
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300).map(b -> "UK1:" + Base45.encode(b)));
    }

    @Provide
    Arbitrary<String> mutatedBadges() {
        Arbitrary<Integer> positions = Arbitraries.integers().between(0, GENUINE_COSE.length - 1);
        Arbitrary<String> byteEdits = Combinators.combine(positions, Arbitraries.bytes(),
                Arbitraries.integers().between(0, 3)).as((pos, value, op) -> {
                    byte[] b = GENUINE_COSE.clone();
                    switch (op) {
                        case 0 -> b[pos] = value;
                        case 1 -> b[pos] ^= (byte) (1 << (value & 7));
                        case 2 -> b = java.util.Arrays.copyOf(b, pos);
                        default -> {
                            byte[] longer = java.util.Arrays.copyOf(b, b.length + 1);
                            System.arraycopy(b, pos, longer, pos + 1, b.length - pos);
                            longer[pos] = value;
                            b = longer;
                        }
                    }
                    return "UK1:" + Base45.encode(b);
                });
        Arbitrary<String> textEdits = Combinators.combine(
                Arbitraries.integers().between(0, GENUINE.length() - 1),
                Arbitraries.chars().with("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".toCharArray())).as((pos, ch) -> {
                    StringBuilder s = new StringBuilder(GENUINE);
                    s.setCharAt(pos, ch);
                    return s.toString();
                });
        return Arbitraries.oneOf(byteEdits, textEdits);
    }
}
