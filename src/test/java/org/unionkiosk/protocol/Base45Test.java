// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Base45Test {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"AB|BB8", "Hello!!|%69 VD92EX0", "base-45|UJCLQE7W581", "ietf!|QED8WEX0"})
    void matchesRfc9285Examples(String plain, String encoded) {
        byte[] bytes = plain.getBytes(StandardCharsets.US_ASCII);

        assertThat(Base45.encode(bytes)).isEqualTo(encoded);
        assertThat(Base45.decode(encoded)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GGW", "A", "ABCD", "abc", "BB#", "ZZ", "BB8\u00e9"})
    void refusesOutOfRangeGroupsAndForeignCharacters(String text) {
        assertThatThrownBy(() -> Base45.decode(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 2000)
    void roundTripsAnyBytes(@ForAll byte[] data) {
        assertThat(Base45.decode(Base45.encode(data))).isEqualTo(data);
    }
}
