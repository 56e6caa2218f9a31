// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class CommandCodecTest {
    private static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");
    private static final SigningKey CENTRAL = Badges.newKey();
    private static final TrustedKeys KEYS = new TrustedKeys(List.of(CENTRAL.publicKey()));
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static CommandCodec.Checked check(String payload, String name, String id) {
        return CommandCodec.verify(payload.getBytes(StandardCharsets.UTF_8), name, id, "sz/st-1", KEYS, CLOCK,
                Duration.ofSeconds(30));
    }

    private static String signed(String id, Map<String, String> args) {
        return CommandCodec.sign(new RemoteCommand(id, "sz/st-1", "unlock", NOW, NOW.plusSeconds(30), args),
                CENTRAL);
    }

    @Test
    void roundTripsASignedCommand() {
        CommandCodec.Checked c = check(signed("abcdefgh1", Map.of("ms", "800")), "unlock", "abcdefgh1");

        assertThat(c.ok()).isTrue();
        assertThat(c.command().args()).containsEntry("ms", "800");
        assertThat(c.command().expiresAt()).isEqualTo(NOW.plusSeconds(30));
    }

    @Test
    void refusesAnArgumentChangedAfterSigning() {
        String s = signed("abcdefgh2", Map.of("ms", "800"));
        // Re-encode the body with another argument, keeping the signature.
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        String forged;
        try {
            var env = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(s);
            String body = new String(java.util.Base64.getUrlDecoder().decode(env.get("body").asText()),
                    StandardCharsets.UTF_8).replace("800", "60000");
            env.put("body", java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(body.getBytes(StandardCharsets.UTF_8)));
            forged = env.toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }

        assertThat(check(forged, "unlock", "abcdefgh2").refusal().code()).isEqualTo("bad_signature");
    }

    @Property(tries = 2000)
    void neverThrowsAndNeverAcceptsGarbage(@ForAll byte[] payload) {
        var c = CommandCodec.verify(payload, "unlock", "abcdefgh3", "sz/st-1", KEYS, CLOCK, Duration.ofSeconds(30));

        assertThat(c.ok()).isFalse();
    }
}
