// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class ProvisioningCodeTest {
    @Test
    void roundTripsAndPointsAtCentralsEnrolment() {
        ProvisioningCode c = ProvisioningCode.generate(URI.create("https://central.union.example/"),
                new SecureRandom());
        ProvisioningCode back = ProvisioningCode.parse(" " + c.text() + "\r\n");
        assertThat(back).isEqualTo(c);
        assertThat(back.enrolUri()).hasToString("https://central.union.example/provision/enrol");
        assertThat(c.hash()).hasSize(64).isNotEqualTo(c.secret());
        assertThat(c.toString()).doesNotContain(c.secret());
    }

    @Test
    void refusesWhatIsNotAClaim() {
        assertThatThrownBy(() -> ProvisioningCode.parse("UK1:NCFOXN%TSMAHN")).hasMessageContaining("UKP1:");
        assertThatThrownBy(() -> ProvisioningCode.parse("UKP1:https://c.example#short")).hasMessageContaining("43");
        String secret = "a".repeat(43);
        assertThatThrownBy(() -> ProvisioningCode.parse("UKP1:http://central.example#" + secret))
                .hasMessageContaining("https://");
        assertThat(ProvisioningCode.parse("UKP1:http://127.0.0.1:8090#" + secret).central().getPort()).isEqualTo(8090);
    }
}
