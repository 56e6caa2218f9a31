// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The example in docs/badge-format.md is a real badge: it verifies against the key printed beside it. */
class BadgeFormatExampleTest {
    @Test
    void documentedExampleVerifiesWithDocumentedKey() throws IOException {
        String doc = Files.readString(Path.of("docs/badge-format.md"));
        Matcher pem = Pattern.compile("-----BEGIN PUBLIC KEY-----\\n[A-Za-z0-9+/=\\n]+-----END PUBLIC KEY-----")
                .matcher(doc);
        assertThat(pem.find()).isTrue();
        TrustedKey key = KeyFiles.parsePublic(pem.group());
        Matcher m = Pattern.compile("\\n(UK1:[^\\n]+)\\n").matcher(doc);
        assertThat(m.find()).isTrue();

        BadgeVerdict v = new BadgeVerifier(new TrustedKeys(List.of(key)),
                Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC), Duration.ZERO).verify(m.group(1));

        assertThat(key.kidHex()).isEqualTo("21fe31dfa154a261");
        assertThat(v).isInstanceOf(BadgeVerdict.Valid.class);
        BadgeClaims c = ((BadgeVerdict.Valid) v).claims();
        assertThat(c.memberId()).isEqualTo("m-1001");
        assertThat(c.scope()).hasToString("site:sz-nanshan");
        assertThat(c.expiresAt()).isEqualTo(Instant.parse("2027-11-01T00:00:00Z"));
    }
}
