// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.unionkiosk.protocol.SigningKey;
import org.unionkiosk.station.config.PhoneConfig;

class DoorQrTest {
    private final PhoneConfig cfg = new PhoneConfig(URI.create("https://central.example.org/p"),
            SigningKey.generate(new SecureRandom()), Duration.ofSeconds(30));

    @Test
    void everyMintedCodeReadsBackWithPlainZxing() {
        DoorQr qr = new DoorQr(cfg, "sz-nanshan", "st-001",
                Clock.fixed(Instant.parse("2026-11-28T03:00:00Z"), ZoneOffset.UTC));

        for (int i = 0; i < 200; i++) {
            DoorQr.Code code = qr.mint();

            assertThat(DoorQr.readsBack(code)).as("code %d: %s", i, code.url()).isTrue();
            assertThat(code.url()).startsWith("https://central.example.org/p?s=sz-nanshan&t=st-001&k=");
        }
    }
}
