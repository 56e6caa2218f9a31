// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Mutated signed commands and garbage thrown at {@link CommandCodec#verify}: it never throws, every refusal has one
 * of the documented codes, and only the byte-identical signed command (or one whose envelope changed but whose
 * signed body and signature did not) is ever accepted. Fixed seeds; {@code -Pfuzz} raises the tries.
 */
class CommandCodecFuzzTest {
    private static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");
    private static final SigningKey CENTRAL = Badges.newKey();
    private static final TrustedKeys KEYS = new TrustedKeys(List.of(CENTRAL.publicKey()));
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String ID = "fuzz-cmd-0001";
    private static final RemoteCommand GENUINE_COMMAND = new RemoteCommand(ID, "sz/st-1", "unlock", NOW,
            NOW.plusSeconds(60), Map.of("ms", "800"));
    private static final String GENUINE = CommandCodec.sign(GENUINE_COMMAND, CENTRAL);
    private static final byte[] GENUINE_BYTES = GENUINE.getBytes(StandardCharsets.UTF_8);
    private static final byte[] GENUINE_BODY = part("body");
    private static final byte[] GENUINE_SIG = part("sig");
    private static final Set<String> CODES = Set.of("bad_format", "unsigned", "unknown_key", "bad_signature",
            "wrong_target", "expired", "not_yet_valid");

    private static byte[] part(String field) {
        try {
            String s = new com.fasterxml.jackson.databind.ObjectMapper().readTree(GENUINE).get(field).asText();
            return Base64.getUrlDecoder().decode(s);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CommandCodec.Checked verify(byte[] payload) {
        return CommandCodec.verify(payload, "unlock", ID, "sz/st-1", KEYS, CLOCK, Duration.ofSeconds(30));
    }

    @Property(seed = "4711")
    void mutatedSignedCommandsAreNeverAccepted(@ForAll("mutatedCommands") byte[] payload) {
        CommandCodec.Checked c = verify(payload);

        if (c.ok()) {
            // Only the unsigned envelope may differ (whitespace, key order, an extra key, trailing bytes after the
            // object, which Jackson ignores): what verified is the command as signed, field for field.
            assertThat(c.command()).isEqualTo(GENUINE_COMMAND);
        } else {
            assertThat(CODES).contains(c.refusal().code());
            assertThat(c.refusal().detail()).isNotNull();
        }
    }

    @Property(seed = "4712")
    void reSignedBodyMutationsOnlyPassWhenStillValid(@ForAll("mutatedBodies") byte[] body) {
        // A body the trusted key did sign, but mutated before signing: verify must still refuse any that do not
        // name this station, the topic's name and id, and a current window — and never throw.
        CommandCodec.Checked c = verify(envelope(body, CENTRAL.sign(body)));

        if (c.ok()) {
            assertThat(c.command().station()).isEqualTo("sz/st-1");
            assertThat(c.command().name()).isEqualTo("unlock");
            assertThat(c.command().id()).isEqualTo(ID);
            assertThat(c.command().expiresAt()).isAfter(NOW.minusSeconds(30));
            assertThat(Duration.between(c.command().issuedAt(), c.command().expiresAt()))
                    .isLessThanOrEqualTo(CommandCodec.MAX_LIFETIME);
        } else {
            assertThat(CODES).contains(c.refusal().code());
        }
    }

    @Property(seed = "4713")
    void garbageIsRefusedWithACode(@ForAll("garbage") byte[] payload) {
        CommandCodec.Checked c = verify(payload);

        assertThat(c.ok()).isFalse();
        assertThat(CODES).contains(c.refusal().code());
    }

    private static byte[] envelope(byte[] body, byte[] sig) {
        var b64 = Base64.getUrlEncoder().withoutPadding();
        return ("{\"v\":1,\"kid\":\"" + CENTRAL.publicKey().kidHex() + "\",\"body\":\"" + b64.encodeToString(body)
                + "\",\"sig\":\"" + b64.encodeToString(sig) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Provide
    Arbitrary<byte[]> mutatedCommands() {
        Arbitrary<byte[]> envelopeEdits = Mutations.bytes(GENUINE_BYTES);
        Arbitrary<byte[]> bodyEdits = Mutations.bytes(GENUINE_BODY).map(b -> envelope(b, GENUINE_SIG));
        Arbitrary<byte[]> sigEdits = Mutations.bytes(GENUINE_SIG).map(s -> envelope(GENUINE_BODY, s));
        return Arbitraries.oneOf(envelopeEdits, bodyEdits, sigEdits);
    }

    @Provide
    Arbitrary<byte[]> mutatedBodies() {
        String body = new String(GENUINE_BODY, StandardCharsets.UTF_8);
        Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(20).map(s -> "\"" + s + "\""),
                Arbitraries.longs().map(String::valueOf), Arbitraries.of("null", "true", "[]", "{}", "1e99", "-0",
                        "\"sz/st-2\"", "\"lock\"", "9223372036854775808", "1.5"));
        Arbitrary<byte[]> fieldEdits = Combinators.combine(
                Arbitraries.of("id", "station", "name", "iat", "exp", "args", "ms"), values).as((field, v) ->
                body.replaceFirst("\"" + field + "\":(\"[^\"]*\"|-?[0-9]+|\\{[^}]*\\})", "\"" + field + "\":"
                        + v.replace("\\", "\\\\").replace("$", "\\$")).getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(fieldEdits, Mutations.bytes(GENUINE_BODY));
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        Arbitrary<byte[]> json = Arbitraries.strings().withChars("{}[]\":,0123456789vbodysigkid \\u").ofMaxLength(300)
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> fields = Combinators.combine(Arbitraries.strings().ofMaxLength(60),
                Arbitraries.strings().ofMaxLength(60), Arbitraries.strings().ofMaxLength(60)).as((k, b, s) ->
                ("{\"v\":1,\"kid\":\"" + k + "\",\"body\":\"" + b + "\",\"sig\":\"" + s + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> huge = Arbitraries.integers().between(CommandCodec.MAX_PAYLOAD - 2, CommandCodec.MAX_PAYLOAD
                + 2).map(n -> {
                    byte[] b = Arrays.copyOf(GENUINE_BYTES, Math.max(n, GENUINE_BYTES.length));
                    Arrays.fill(b, GENUINE_BYTES.length - 1, b.length, (byte) ' ');
                    return b;
                });
        return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(400), json, fields, huge);
    }
}
