// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginLimiterTest {
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-28T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void locksAnAccountAfterFiveFailuresForFifteenMinutes() {
        MovableClock clock = new MovableClock();
        LoginLimiter l = new LoginLimiter(clock);

        for (int i = 0; i < LoginLimiter.PER_ACCOUNT; i++) {
            assertThat(l.allowed("ann", "10.0.0." + i)).isTrue();
            l.failed("ann", "10.0.0." + i);
        }

        assertThat(l.allowed("ann", "10.0.0.99")).isFalse();
        assertThat(l.allowed("bob", "10.0.0.99")).isTrue();
        clock.now = clock.now.plus(Duration.ofMinutes(16));
        assertThat(l.allowed("ann", "10.0.0.99")).isTrue();
    }

    @Test
    void locksAnAddressTryingManyAccounts() {
        LoginLimiter l = new LoginLimiter(new MovableClock());

        for (int i = 0; i < LoginLimiter.PER_ADDRESS; i++) {
            l.failed("user" + i, "10.9.9.9");
        }

        assertThat(l.allowed("someone-new", "10.9.9.9")).isFalse();
        assertThat(l.allowed("someone-new", "10.9.9.8")).isTrue();
    }

    @Test
    void countsAttemptsStillRunningSoParallelGuessesCannotPassTogether() {
        LoginLimiter l = new LoginLimiter(new MovableClock());

        for (int i = 0; i < LoginLimiter.PER_ACCOUNT; i++) {
            assertThat(l.begin("ann", "10.0.0." + i)).isTrue(); // none of them has finished yet
        }

        assertThat(l.begin("ann", "10.0.0.99")).isFalse();
    }

    @Test
    void aSuccessFreesItsAttemptAndForgivesTheAccount() {
        LoginLimiter l = new LoginLimiter(new MovableClock());

        for (int i = 0; i < LoginLimiter.PER_ADDRESS; i++) {
            assertThat(l.begin("clerk" + i, "10.1.1.1")).isTrue();
            l.succeeded("clerk" + i, "10.1.1.1");
        }
        for (int i = 0; i < LoginLimiter.PER_ACCOUNT - 1; i++) {
            l.begin("ann", "10.1.1.2");
        }
        l.succeeded("ann", "10.1.1.2");

        assertThat(l.begin("clerk", "10.1.1.1")).as("an office behind one address logging in all day").isTrue();
        assertThat(l.allowed("ann", "10.1.1.2")).isTrue();
    }
}
