// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PhoneCipherTest {
    @Test
    void roundTripsWithAFreshNonceAndFailsUnderAnotherKey() {
        PhoneCipher c = new PhoneCipher(new byte[32]);
        byte[] other = new byte[32];
        other[0] = 1;

        String a = c.encrypt("13812345678");
        String b = c.encrypt("13812345678");

        assertThat(a).isNotEqualTo(b).doesNotContain("13812345678");
        assertThat(c.decrypt(a)).isEqualTo("13812345678");
        assertThatThrownBy(() -> new PhoneCipher(other).decrypt(a)).hasMessageContaining("memberDataKeyFile");
    }

    @Test
    void masksAllButTheFirstThreeAndLastTwoDigits() {
        assertThat(PhoneCipher.mask("13812345678")).isEqualTo("138******78");
        assertThat(PhoneCipher.mask("12345")).isEqualTo("*****");
        assertThat(PhoneCipher.mask(null)).isNull();
    }
}
