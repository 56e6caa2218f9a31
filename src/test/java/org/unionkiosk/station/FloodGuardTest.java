// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FloodGuardTest {
    @Test
    void tripsOnceOverTheLimitAndDoublesItsBackoff() {
        FloodGuard g = new FloodGuard(3);

        assertThat(g.admit(0)).isTrue();
        assertThat(g.admit(10)).isTrue();
        assertThat(g.admit(20)).isTrue();
        assertThat(g.admit(30)).isFalse();
        assertThat(g.justTripped()).isTrue();
        assertThat(g.admit(2000)).isFalse();
        assertThat(g.justTripped()).isFalse();
        assertThat(g.nextBackoffMs()).isEqualTo(1000);
        assertThat(g.nextBackoffMs()).isEqualTo(2000);

        g.reset();
        assertThat(g.admit(5000)).isTrue();
    }

    @Test
    void aNewSecondStartsANewCount() {
        FloodGuard g = new FloodGuard(2);

        g.admit(0);
        g.admit(500);

        assertThat(g.admit(1000)).isTrue();
        assertThat(g.tripped()).isFalse();
    }
}
