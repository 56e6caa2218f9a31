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
    void masksAllButTheFirstThreeAndLastFourDigits() {
        assertThat(PhoneCipher.mask("13812341234")).isEqualTo("138****1234");
        assertThat(PhoneCipher.mask("+8613812341234")).isEqualTo("+86*******1234");
        assertThat(PhoneCipher.mask("12345678")).isEqualTo("123*****");
        assertThat(PhoneCipher.mask("12345")).isEqualTo("*****");
        assertThat(PhoneCipher.mask(null)).isNull();
    }

    @Test
    void normalisesMainlandMobilesAndRefusesTheRest() {
        assertThat(PhoneCipher.normalise("+86 138-1234-1234")).isEqualTo("13812341234");
        assertThat(PhoneCipher.normalise("12812341234")).isNull();
        assertThat(PhoneCipher.normalise("1381234123")).isNull();
        assertThat(PhoneCipher.normalise(null)).isNull();
    }

    @Test
    void hashesEqualPhonesEquallyAndDifferentlyUnderAnotherKey() {
        byte[] other = new byte[32];
        other[0] = 1;
        PhoneCipher c = new PhoneCipher(new byte[32]);

        assertThat(c.hash("13812341234")).isEqualTo(c.hash("13812341234")).isNotEqualTo(c.hash("13812341235"))
                .isNotEqualTo(new PhoneCipher(other).hash("13812341234")).hasSize(64);
    }
}
