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
}
