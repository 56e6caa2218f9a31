// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DoorTokenTest {
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final Duration SKEW = Duration.ofSeconds(5);
    private final SigningKey station = SigningKey.generate(new SecureRandom());
    private final SigningKey other = SigningKey.generate(new SecureRandom());

    private DoorToken.Verdict verifyAt(String token, Instant at) {
        return DoorToken.verify(token, ref -> ref.equals("sz/door-1") ? station.publicKey() : null,
                Clock.fixed(at, ZoneOffset.UTC), SKEW);
    }

    @Test
    void acceptsAFreshTokenAndNamesItsStation() {
        String token = DoorToken.mint(station, "sz", "door-1", T0);

        DoorToken.Verdict v = verifyAt(token, T0.plusSeconds(20));

        assertThat(v.ok()).isTrue();
        assertThat(v.claims().site()).isEqualTo("sz");
        assertThat(v.claims().station()).isEqualTo("door-1");
        assertThat(v.claims().nonce()).hasSize(24);
        assertThat(token).hasSizeLessThan(200).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void refusesATokenTwoMinutesOld() {
        String token = DoorToken.mint(station, "sz", "door-1", T0);

        assertThat(verifyAt(token, T0.plusSeconds(120)).refusal()).isEqualTo("expired");
    }

    @Test
    void refusesATokenSignedByAnotherKey() {
        String token = DoorToken.mint(other, "sz", "door-1", T0);

        assertThat(verifyAt(token, T0).refusal()).isEqualTo("bad_signature");
    }

    @Test
    void refusesAStationWithoutARegisteredKey() {
        String token = DoorToken.mint(station, "sz", "door-2", T0);

        assertThat(verifyAt(token, T0).refusal()).isEqualTo("unknown_key");
    }

    @Test
    void refusesGarbageWithoutThrowing() {
        assertThat(verifyAt("not-a-token!", T0).refusal()).isEqualTo("bad_format");
        assertThat(verifyAt("AAAA", T0).refusal()).isEqualTo("bad_format");
        assertThat(verifyAt("x".repeat(500), T0).refusal()).isEqualTo("bad_format");
        assertThat(verifyAt(null, T0).refusal()).isEqualTo("bad_format");
    }

    @Test
    void eachTokenCarriesAFreshNonce() {
        String a = DoorToken.mint(station, "sz", "door-1", T0);
        String b = DoorToken.mint(station, "sz", "door-1", T0);

        assertThat(verifyAt(a, T0).claims().nonce()).isNotEqualTo(verifyAt(b, T0).claims().nonce());
    }
}
