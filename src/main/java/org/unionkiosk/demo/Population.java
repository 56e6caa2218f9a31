// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.demo;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.unionkiosk.protocol.BadgeClaims;
import org.unionkiosk.protocol.BadgeIssuer;
import org.unionkiosk.protocol.BadgeKind;
import org.unionkiosk.protocol.BadgeScope;
import org.unionkiosk.protocol.SigningKey;

/**
 * The members who use one station, by category, with badges signed by the union's badge key — most valid; a few
 * expired, forged (signed by a key no station trusts), damaged in transit (a changed character), or revoked.
 */
final class Population {
    private static final double EXPIRED = 0.04;
    private static final double FORGED = 0.02;
    private static final double TAMPERED = 0.02;
    private static final double REVOKED = 0.03;

    private final Map<DailyProfile, List<Member>> byCategory = new EnumMap<>(DailyProfile.class);

    Population(String site, int firstNumber, int size, SigningKey union, Instant now, RandomGenerator random) {
        BadgeIssuer issuer = new BadgeIssuer(union);
        BadgeIssuer forger = new BadgeIssuer(SigningKey.generate(new SecureRandom()));
        for (int i = 0; i < size; i++) {
            DailyProfile category = DailyProfile.values()[i % DailyProfile.values().length];
            String memberId = "m-" + (firstNumber + i);
            byte[] cti = new byte[8];
            random.nextBytes(cti);
            String badgeId = HexFormat.of().formatHex(cti);
            double r = random.nextDouble();
            Member.Flaw flaw = r < EXPIRED ? Member.Flaw.EXPIRED : r < EXPIRED + FORGED ? Member.Flaw.FORGED
                    : r < EXPIRED + FORGED + TAMPERED ? Member.Flaw.TAMPERED
                    : r < EXPIRED + FORGED + TAMPERED + REVOKED ? Member.Flaw.REVOKED : Member.Flaw.NONE;
            Instant expires = flaw == Member.Flaw.EXPIRED ? now.minus(Duration.ofDays(1 + random.nextInt(60)))
                    : now.plus(Duration.ofDays(365));
            Instant issued = expires.minus(Duration.ofDays(365 + random.nextInt(300)));
            BadgeClaims claims = new BadgeClaims("union-kiosk-demo", memberId, issued, issued, expires, badgeId,
                    new BadgeScope(site, null), BadgeKind.CARD);
            String badge = (flaw == Member.Flaw.FORGED ? forger : issuer).issue(claims);
            if (flaw == Member.Flaw.TAMPERED) {
                badge = damage(badge, random);
            }
            byCategory.computeIfAbsent(category, c -> new ArrayList<>())
                    .add(new Member(memberId, category, badge, badgeId, flaw));
        }
    }

    /** One character of the Base45 text changed, as a scratched or badly printed code reads. */
    private static String damage(String badge, RandomGenerator random) {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
        int at = 4 + random.nextInt(badge.length() - 4);
        char c = badge.charAt(at);
        char other = alphabet.charAt((alphabet.indexOf(c) + 1 + random.nextInt(alphabet.length() - 1))
                % alphabet.length());
        return badge.substring(0, at) + other + badge.substring(at + 1);
    }

    Member pick(DailyProfile category, RandomGenerator random) {
        List<Member> members = byCategory.get(category);
        return members.get(random.nextInt(members.size()));
    }

    List<Member> revoked() {
        return byCategory.values().stream().flatMap(List::stream).filter(m -> m.flaw() == Member.Flaw.REVOKED)
                .toList();
    }
}
