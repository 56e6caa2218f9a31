// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.unionkiosk.protocol.BadgeVerdict;
import org.unionkiosk.protocol.BadgeVerifier;
import org.unionkiosk.protocol.RefusalReason;
import org.unionkiosk.protocol.SigningKey;
import org.unionkiosk.protocol.TrustedKeys;

/** The simulated members' badges are what they claim to be, checked by the stations' own verifier. */
class PopulationTest {
    private static final Instant NOW = Instant.parse("2026-11-28T04:00:00Z");

    @Test
    void validBadgesVerifyAndFlawedOnesAreRefusedForTheirFlaw() {
        SigningKey union = SigningKey.generate(new SecureRandom());
        Population people = new Population("sz-nanshan", 10_001, 400, union, NOW, new SplittableRandom(7));
        BadgeVerifier verifier = new BadgeVerifier(new TrustedKeys(List.of(union.publicKey())),
                Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5));
        Set<Member.Flaw> seen = EnumSet.noneOf(Member.Flaw.class);

        for (DailyProfile kind : DailyProfile.values()) {
            for (int i = 0; i < 200; i++) {
                Member m = people.pick(kind, new SplittableRandom(i));
                seen.add(m.flaw());
                BadgeVerdict v = verifier.verify(m.badge());
                switch (m.flaw()) {
                    case NONE, REVOKED -> assertThat(v).isInstanceOfSatisfying(BadgeVerdict.Valid.class,
                            ok -> assertThat(ok.claims().badgeId()).isEqualTo(m.badgeId()));
                    case EXPIRED -> assertThat(reason(v)).isEqualTo(RefusalReason.EXPIRED);
                    case FORGED -> assertThat(reason(v)).isEqualTo(RefusalReason.UNKNOWN_KEY);
                    case TAMPERED -> assertThat(reason(v)).isIn(RefusalReason.BAD_SIGNATURE, RefusalReason.BAD_FORMAT,
                            RefusalReason.UNKNOWN_KEY);
                }
                assertThat(m.category()).isEqualTo(kind);
            }
        }
        assertThat(seen).containsAll(EnumSet.allOf(Member.Flaw.class));
        assertThat(people.revoked()).isNotEmpty().allMatch(m -> m.flaw() == Member.Flaw.REVOKED);
    }

    @Test
    void everyDrawMakesWellFormedBadges() {
        SigningKey union = SigningKey.generate(new SecureRandom());
        for (int seed = 0; seed < 50; seed++) {
            assertThat(new Population("gz-tianhe", 1, 40, union, NOW, new SplittableRandom(seed)).revoked())
                    .allMatch(m -> m.flaw() == Member.Flaw.REVOKED);
        }
    }

    @Test
    void theDailyProfileHasLunchAndLateEveningRidersAndDawnSanitationWorkers() {
        assertThat(DailyProfile.RIDER.rate(12)).isGreaterThan(DailyProfile.RIDER.rate(16) * 3);
        assertThat(DailyProfile.RIDER.rate(22)).isGreaterThan(DailyProfile.RIDER.rate(16) * 3);
        assertThat(DailyProfile.SANITATION.rate(5)).isGreaterThan(DailyProfile.SANITATION.rate(12) * 3);
        assertThat(DailyProfile.pick(5, new SplittableRandom(1))).isNotNull();
        assertThat(DailyProfile.total(3)).isLessThan(DailyProfile.total(12));
    }

    private static RefusalReason reason(BadgeVerdict v) {
        assertThat(v).isInstanceOf(BadgeVerdict.Refused.class);
        return ((BadgeVerdict.Refused) v).reason();
    }
}
