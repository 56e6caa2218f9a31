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

    /** Signs raw body bytes, as a signer with its own JSON writer could. */
    private static String signedBody(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        return "{\"v\":1,\"kid\":\"" + CENTRAL.publicKey().kidHex() + "\",\"body\":\"" + b64.encodeToString(bytes)
                + "\",\"sig\":\"" + b64.encodeToString(CENTRAL.sign(bytes)) + "\"}";
    }

    private static String body(String id, long iat, long exp) {
        return "{\"id\":\"" + id + "\",\"station\":\"sz/st-1\",\"name\":\"unlock\",\"iat\":" + iat + ",\"exp\":" + exp
                + ",\"args\":{}}";
    }

    @Test
    void refusesACommandThatLivesLongerThanTenMinutes() {
        long iat = NOW.getEpochSecond();
        long year12294 = Instant.parse("+12294-01-01T00:00:00Z").getEpochSecond();

        var farFuture = check(signedBody(body("farfuture1", iat, year12294)), "unlock", "farfuture1");
        var elevenMinutes = check(signedBody(body("eleven-min", iat, iat + 660)), "unlock", "eleven-min");
        var tenMinutes = check(signedBody(body("tenminutes", iat, iat + 600)), "unlock", "tenminutes");

        assertThat(farFuture.refusal().code()).isEqualTo("bad_format");
        assertThat(elevenMinutes.refusal().code()).isEqualTo("bad_format");
        assertThat(elevenMinutes.refusal().detail()).contains("10 minutes");
        assertThat(tenMinutes.ok()).isTrue();
    }

    @Test
    void answersBadFormatForTimesNoInstantCanHold() {
        long iat = NOW.getEpochSecond();

        var instantMax = check(signedBody(body("instantmax", iat, Instant.MAX.getEpochSecond())), "unlock",
                "instantmax");
        var longMax = check(signedBody(body("long-max-1", Long.MAX_VALUE - 1, Long.MAX_VALUE)), "unlock",
                "long-max-1");
        var negative = check(signedBody(body("negative-1", Long.MIN_VALUE, Long.MIN_VALUE + 1)), "unlock",
                "negative-1");

        assertThat(instantMax.refusal().code()).isEqualTo("bad_format");
        assertThat(longMax.refusal().code()).isEqualTo("bad_format");
        assertThat(negative.refusal().code()).isEqualTo("bad_format");
    }

    @Test
    void refusesACommandIssuedLongAgoEvenIfItsExpiryLooksCurrent() {
        long iat = NOW.minus(Duration.ofMinutes(30)).getEpochSecond();

        var old = check(signedBody(body("issuedold1", iat, NOW.getEpochSecond() + 20)), "unlock", "issuedold1");

        assertThat(old.ok()).isFalse();
    }

    @Test
    void refusesDuplicateKeysInTheSignedBody() {
        long iat = NOW.getEpochSecond();
        String twoStations = "{\"id\":\"duplicate1\",\"station\":\"sz/other\",\"station\":\"sz/st-1\","
                + "\"name\":\"unlock\",\"iat\":" + iat + ",\"exp\":" + (iat + 30) + ",\"args\":{}}";
        String twoExps = "{\"id\":\"duplicate2\",\"station\":\"sz/st-1\",\"name\":\"unlock\",\"iat\":" + iat
                + ",\"exp\":" + (iat + 30) + ",\"exp\":" + (iat + 300_000) + ",\"args\":{}}";
        String twoArgs = body("duplicate3", iat, iat + 30)
                .replace("\"args\":{}", "\"args\":{\"ms\":\"1\",\"ms\":\"2\"}");

        assertThat(check(signedBody(twoStations), "unlock", "duplicate1").refusal().code()).isEqualTo("bad_format");
        assertThat(check(signedBody(twoExps), "unlock", "duplicate2").refusal().code()).isEqualTo("bad_format");
        assertThat(check(signedBody(twoArgs), "unlock", "duplicate3").refusal().code()).isEqualTo("bad_format");
    }

    @Test
    void refusesDuplicateKeysInTheEnvelope() {
        String good = signed("envelope01", Map.of());
        String twoBodies = good.replace("{\"v\":1,", "{\"v\":1,\"body\":\"e30\",");

        var c = check(twoBodies, "unlock", "envelope01");

        assertThat(c.refusal().code()).isEqualTo("bad_format");
        assertThat(c.refusal().detail()).contains("Duplicate");
    }

    @Test
    void signingRefusesALifetimeOverTenMinutes() {
        var c = new RemoteCommand("longlived1", "sz/st-1", "unlock", NOW, NOW.plus(Duration.ofMinutes(11)), Map.of());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CommandCodec.sign(c, CENTRAL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10 minutes");
    }
}
