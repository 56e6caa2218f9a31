// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signed remote commands. On the wire: {@code {"v":1,"kid":"…","body":"<base64url JSON>","sig":"<base64url>"}},
 * the Ed25519 signature covering the body bytes exactly as sent, so no JSON canonicalisation is needed. The body
 * is {@code {"id","station","name","iat","exp","args"}}; times in epoch seconds. Strict: a duplicated key in the
 * envelope or the body is refused (a signer and a station must never read different values from the same bytes),
 * and a command may live at most {@link #MAX_LIFETIME}, so a leaked or replayed command cannot stay valid for long.
 */
public final class CommandCodec {
    public static final int MAX_PAYLOAD = 8192;
    /** Longest lifetime ({@code exp - iat}) a command may have; signing and verifying both enforce it. */
    public static final Duration MAX_LIFETIME = Duration.ofMinutes(10);
    /** iat and exp beyond this (9999-12-31) are refused before any date arithmetic can overflow. */
    private static final long LATEST_EPOCH_SECOND = 253_402_300_799L;
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private CommandCodec() {
    }

    /** @throws IllegalArgumentException if the command's lifetime exceeds {@link #MAX_LIFETIME} */
    public static String sign(RemoteCommand c, SigningKey key) {
        if (Duration.between(c.issuedAt(), c.expiresAt()).compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("a command may live at most " + MAX_LIFETIME.toMinutes()
                    + " minutes (exp - iat)");
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("id", c.id()).put("station", c.station()).put("name", c.name())
                .put("iat", c.issuedAt().getEpochSecond()).put("exp", c.expiresAt().getEpochSecond());
        ObjectNode args = body.putObject("args");
        new java.util.TreeMap<>(c.args()).forEach(args::put);
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        ObjectNode env = JSON.createObjectNode();
        env.put("v", 1).put("kid", key.publicKey().kidHex()).put("body", B64.encodeToString(bytes))
                .put("sig", B64.encodeToString(key.sign(bytes)));
        return env.toString();
    }

    /** Why a command was refused; {@code code} goes into the response. */
    public record Refusal(String code, String detail) {
    }

    /** The outcome of checking one received command: the command, or the refusal and the id if one was readable. */
    public record Checked(RemoteCommand command, Refusal refusal) {
        public boolean ok() {
            return refusal == null;
        }
    }

    /**
     * Verifies signature first, then the body: target, topic agreement, time window. Replay is the caller's check
     * (it needs durable memory). Never throws.
     *
     * @param topicName the name and id from the topic, which must match the signed body
     */
    public static Checked verify(byte[] payload, String topicName, String topicId, String station,
                                 TrustedKeys keys, Clock clock, Duration skew) {
        if (payload.length > MAX_PAYLOAD) {
            return refused("bad_format", "payload over " + MAX_PAYLOAD + " bytes");
        }
        byte[] body;
        byte[] sig;
        byte[] kid;
        try {
            JsonNode env = JSON.readTree(payload);
            if (env == null || !env.isObject() || env.path("v").asInt() != 1) {
                return refused("bad_format", "not a v1 command envelope");
            }
            if (!env.path("body").isTextual() || !env.path("sig").isTextual() || !env.path("kid").isTextual()) {
                return refused("unsigned", "body, kid and sig are required");
            }
            body = Base64.getUrlDecoder().decode(env.get("body").asText());
            sig = Base64.getUrlDecoder().decode(env.get("sig").asText());
            kid = HexFormat.of().parseHex(env.get("kid").asText());
        } catch (IOException | IllegalArgumentException e) {
            return refused("bad_format", "envelope: " + e.getMessage());
        }
        var candidates = keys.withKid(kid);
        if (candidates.isEmpty()) {
            return refused("unknown_key", "no trusted command key " + HexFormat.of().formatHex(kid));
        }
        if (candidates.stream().noneMatch(k -> k.verify(body, sig))) {
            return refused("bad_signature", "signature does not verify");
        }
        RemoteCommand c;
        try {
            JsonNode b = JSON.readTree(body);
            Map<String, String> args = new LinkedHashMap<>();
            JsonNode a = b.path("args");
            if (!a.isMissingNode() && !a.isObject()) {
                return refused("bad_format", "args must be an object");
            }
            for (var it = a.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!e.getValue().isValueNode()) {
                    return refused("bad_format", "arg " + e.getKey() + " must be a scalar");
                }
                args.put(e.getKey(), e.getValue().asText());
            }
            if (!b.path("iat").canConvertToLong() || !b.path("exp").canConvertToLong()) {
                return refused("bad_format", "iat and exp must be integers");
            }
            long iat = b.get("iat").asLong();
            long exp = b.get("exp").asLong();
            if (iat < 0 || exp < 0 || iat > LATEST_EPOCH_SECOND || exp > LATEST_EPOCH_SECOND) {
                return refused("bad_format", "iat and exp must be epoch seconds before the year 10000");
            }
            if (exp - iat > MAX_LIFETIME.toSeconds()) {
                return refused("bad_format", "lifetime exp - iat over " + MAX_LIFETIME.toMinutes() + " minutes");
            }
            c = new RemoteCommand(b.path("id").asText(null), b.path("station").asText(null),
                    b.path("name").asText(null), Instant.ofEpochSecond(iat), Instant.ofEpochSecond(exp), args);
        } catch (IOException | RuntimeException e) {
            return refused("bad_format", "body: " + e.getMessage());
        }
        if (!c.station().equals(station)) {
            return new Checked(c, new Refusal("wrong_target", "for " + c.station()));
        }
        if (!c.name().equals(topicName) || !c.id().equals(topicId)) {
            return new Checked(c, new Refusal("bad_format", "topic does not match the signed name and id"));
        }
        Instant now = clock.instant();
        if (!now.minus(skew).isBefore(c.expiresAt())) {
            return new Checked(c, new Refusal("expired", "expired at " + c.expiresAt()));
        }
        if (now.plus(skew).isBefore(c.issuedAt())) {
            return new Checked(c, new Refusal("not_yet_valid", "issued in the future " + c.issuedAt()));
        }
        if (c.issuedAt().isBefore(now.minus(MAX_LIFETIME).minus(skew))) {
            return new Checked(c, new Refusal("expired", "issued too long ago " + c.issuedAt()));
        }
        return new Checked(c, null);
    }

    private static Checked refused(String code, String detail) {
        return new Checked(null, new Refusal(code, detail));
    }

    /** The response published on {@code …/res/{id}}. */
    public static String response(String id, boolean ok, String reason, Instant at) {
        ObjectNode n = JSON.createObjectNode();
        n.put("v", 1).put("id", id).put("ok", ok);
        if (reason != null) {
            n.put("reason", reason);
        }
        n.put("at", at.toString());
        return n.toString();
    }
}
