// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.unionkiosk.protocol.BadgeClaims;
import org.unionkiosk.protocol.BadgeKind;
import org.unionkiosk.protocol.BadgeScope;
import org.unionkiosk.protocol.Badges;
import org.unionkiosk.protocol.RefusalReason;
import org.unionkiosk.protocol.SigningKey;
import org.unionkiosk.protocol.TrustedKeys;
import org.unionkiosk.station.config.AccessConfig;
import org.unionkiosk.station.config.OpeningHours;

class AccessPolicyTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant NOW = Instant.parse("2026-11-26T19:00:00Z"); // 03:00 in Shanghai
    private static final StationConditions NORMAL = new StationConditions(0, false, true);
    private final SigningKey key = Badges.newKey();

    private AccessPolicy policy(int capacity, OpeningHours hours) {
        AccessConfig cfg = new AccessConfig(List.of(key.publicKey()), Duration.ofMinutes(2), capacity, hours, 3,
                Duration.ofSeconds(10), true, Path.of("/nonexistent"));
        return new AccessPolicy(cfg, "sz-nanshan", "st-001", new TrustedKeys(cfg.trustedKeys()),
                Clock.fixed(NOW, SHANGHAI));
    }

    private AccessPolicy policy() {
        return policy(0, OpeningHours.ALWAYS);
    }

    private String badge(String member, BadgeScope scope) {
        return Badges.issue(key, Badges.card(member, NOW, Duration.ofDays(30), scope));
    }

    private static RefusalReason reason(AccessDecision d) {
        assertThat(d).isInstanceOf(AccessDecision.Denied.class);
        return ((AccessDecision.Denied) d).reason();
    }

    @Test
    void grantsAValidBadgeScopedToThisSite() {
        AccessDecision d = policy().decide(badge("m-1", BadgeScope.parse("site:sz-nanshan")), true, NORMAL);

        assertThat(d).isInstanceOf(AccessDecision.Granted.class);
        assertThat(d.badgeRef()).hasSize(12);
    }

    @Nested
    class Denies {
        @Test
        void aBadgeForAnotherStation() {
            String text = badge("m-2", BadgeScope.parse("station:sz-nanshan/st-002"));

            assertThat(reason(policy().decide(text, true, NORMAL))).isEqualTo(RefusalReason.WRONG_SCOPE);
        }

        @Test
        void revokedBadgesAndMembersAndSuspendedMembers() {
            AccessPolicy p = policy();
            String byId = badge("m-3", BadgeScope.ALL);
            String byMember = badge("m-4", BadgeScope.ALL);
            String suspended = badge("m-5", BadgeScope.ALL);
            String badgeId = ((AccessDecision.Granted) p.decide(byId, true, NORMAL)).claims().badgeId();

            p.revocations(new Revocations(Set.of(badgeId), Set.of("m-4"), Set.of("m-5")));

            assertThat(reason(p.decide(byId, true, NORMAL))).isEqualTo(RefusalReason.REVOKED);
            assertThat(reason(p.decide(byMember, true, NORMAL))).isEqualTo(RefusalReason.REVOKED);
            assertThat(reason(p.decide(suspended, true, NORMAL))).isEqualTo(RefusalReason.SUSPENDED);
        }

        @Test
        void entryWhenFullClosedOrInLockdownButNeverAnExit() {
            String text = badge("m-6", BadgeScope.ALL);
            AccessPolicy full = policy(2, OpeningHours.ALWAYS);
            AccessPolicy closed = policy(0, new OpeningHours(LocalTime.of(7, 0), LocalTime.of(22, 0)));

            assertThat(reason(full.decide(text, true, new StationConditions(2, false, true))))
                    .isEqualTo(RefusalReason.FULL);
            assertThat(reason(closed.decide(text, true, NORMAL))).isEqualTo(RefusalReason.CLOSED);
            assertThat(reason(policy().decide(text, true, new StationConditions(0, true, true))))
                    .isEqualTo(RefusalReason.LOCKDOWN);
            assertThat(full.decide(text, false, new StationConditions(2, true, true)))
                    .isInstanceOf(AccessDecision.Granted.class);
        }

        @Test
        void everythingWhileTheClockIsUnsynchronised() {
            String text = badge("m-7", BadgeScope.ALL);

            assertThat(reason(policy().decide(text, true, new StationConditions(0, false, false))))
                    .isEqualTo(RefusalReason.CLOCK_UNSYNCED);
        }

        @Test
        void theSameBadgeScannedTooOften() {
            AccessPolicy p = policy();
            String text = badge("m-8", BadgeScope.ALL);

            for (int i = 0; i < 3; i++) {
                assertThat(p.decide(text, true, NORMAL)).isInstanceOf(AccessDecision.Granted.class);
            }
            assertThat(reason(p.decide(text, true, NORMAL))).isEqualTo(RefusalReason.RATE_LIMITED);
            assertThat(p.decide(badge("m-9", BadgeScope.ALL), true, NORMAL))
                    .isInstanceOf(AccessDecision.Granted.class);
        }

        @Test
        void aPhoneCodeUsedTwice() {
            AccessPolicy p = policy();
            String phone = Badges.issue(key, new BadgeClaims("union", "m-10", NOW, NOW.minusSeconds(5),
                    NOW.plusSeconds(60), "0a0b", BadgeScope.ALL, BadgeKind.PHONE));

            assertThat(p.decide(phone, true, NORMAL)).isInstanceOf(AccessDecision.Granted.class);
            assertThat(reason(p.decide(phone, true, NORMAL))).isEqualTo(RefusalReason.REPLAYED);
        }

        @Test
        void garbageWithoutThrowing() {
            assertThat(reason(policy().decide("", true, NORMAL))).isEqualTo(RefusalReason.BAD_FORMAT);
            assertThat(reason(policy().decide(null, true, NORMAL))).isEqualTo(RefusalReason.BAD_FORMAT);
            assertThat(reason(policy().decide("x".repeat(10_000), true, NORMAL)))
                    .isEqualTo(RefusalReason.BAD_FORMAT);
        }
    }
}
