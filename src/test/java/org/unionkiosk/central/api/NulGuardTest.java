// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class NulGuardTest {
    @Test
    void findsARawZeroByteOrAJsonNulEscape() {
        assertThat(NulGuard.hasNul(Buffer.buffer(new byte[] {'{', 0, '}'}))).isTrue();
        assertThat(NulGuard.hasNul(Buffer.buffer("{\"a\":\"x\\u0000\"}"))).isTrue();
    }

    @Test
    void anEscapedBackslashBeforeU0000IsText() {
        assertThat(NulGuard.hasNul(Buffer.buffer("{\"a\":\"\\\\u0000\"}"))).isFalse();
        assertThat(NulGuard.hasNul(Buffer.buffer("{\"a\":\"\\u00001\\n\"}"))).isTrue();
        assertThat(NulGuard.hasNul(Buffer.buffer("{\"a\":\"\\u0001 \\\\\"}"))).isFalse();
        assertThat(NulGuard.hasNul(Buffer.buffer("\\u000"))).isFalse();
    }
}
