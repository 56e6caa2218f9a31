// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.telemetry;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.protocol.CommandCodec;
import org.unionkiosk.protocol.RemoteCommand;
import org.unionkiosk.protocol.StationEvent;
import org.unionkiosk.protocol.Topics;
import org.unionkiosk.protocol.TrustedKey;
import org.unionkiosk.protocol.TrustedKeys;
import org.unionkiosk.station.store.SqliteStationStore;

/**
 * Checks and executes remote commands: signature by a trusted command key, this station as target, topic and body
 * agreeing, not expired, not seen before (ids kept in SQLite past their expiry). Executes each valid command once
 * and answers every authentic command — accepted or refused — on {@code …/res/{id}}; junk without a valid signature
 * is answered and recorded only up to a rate ({@link RefusalLimiter}). Retained command messages are ignored.
 * Confined to the owning context.
 */
final class CommandHandler {
    private static final Logger log = LoggerFactory.getLogger(CommandHandler.class);
    static final Duration SKEW = Duration.ofSeconds(30);

    private final Topics topics;
    private final String station;
    private final Clock clock;
    private final SqliteStationStore store;
    private final StationControl control;
    private final Consumer<StationEvent> events;
    private final Responder responder;
    private final Runnable rebirth;
    private TrustedKeys keys;
    private final RefusalLimiter limiter = new RefusalLimiter();

    interface Responder {
        void respond(String id, boolean ok, String reason);

        void reportConfig(Map<String, String> config);
    }

    CommandHandler(Topics topics, String station, TrustedKeys keys, Clock clock, SqliteStationStore store,
                   StationControl control, Consumer<StationEvent> events, Responder responder, Runnable rebirth) {
        this.topics = topics;
        this.station = station;
        this.keys = keys;
        this.clock = clock;
        this.store = store;
        this.control = control;
        this.events = events;
        this.responder = responder;
        this.rebirth = rebirth;
    }

    void onMessage(String topic, byte[] payload, boolean retained) {
        String[] nameId = topics.parseCommand(topic);
        if (nameId == null) {
            return;
        }
        if (retained) {
            // A retained command would replay on every reconnect: never act on one, never answer it.
            log.warn("Ignored retained message on command topic {}", topic);
            return;
        }
        CommandCodec.Checked checked = CommandCodec.verify(payload, nameId[0], nameId[1], station, keys, clock, SKEW);
        String id = nameId[1];
        if (!checked.ok()) {
            refuse(id, nameId[0], checked.refusal().code(), checked.refusal().detail());
            return;
        }
        RemoteCommand c = checked.command();
        store.firstSighting(c.id(), c.expiresAt().plus(SKEW).plus(Duration.ofDays(1)), clock.instant())
                .onFailure(t -> refuse(id, c.name(), "store_error", t.getMessage()))
                .onSuccess(first -> {
                    if (!first) {
                        refuse(id, c.name(), "replayed", "command id already executed");
                        return;
                    }
                    execute(c).onSuccess(v -> {
                        log.info("Command {} {} executed", c.name(), c.id());
                        events.accept(StationEvent.of("command.executed", clock.instant(), "id", c.id(), "name",
                                c.name()));
                        responder.respond(c.id(), true, null);
                    }).onFailure(t -> refuse(id, c.name(), t instanceof AdmissionRefused r ? r.code()
                            : t instanceof IllegalArgumentException ? "bad_args" : "failed", t.getMessage()));
                });
    }

    private void refuse(String id, String name, String code, String detail) {
        reportSuppressed();
        if (!limiter.admit(code, clock.millis())) {
            return; // junk beyond the per-minute allowance: counted, reported once the minute is over
        }
        log.warn("Command {} {} refused: {} ({})", name, id, code, detail);
        events.accept(StationEvent.of("command.refused", clock.instant(), "id", id, "name", name, "reason", code,
                "detail", detail));
        responder.respond(id, false, code + (detail == null ? "" : ": " + detail));
    }

    /** Records how many unauthenticated refusals were only counted in the last minute, if any. */
    void reportSuppressed() {
        long n = limiter.takeSuppressed(clock.millis());
        if (n > 0) {
            log.warn("{} more unsigned or badly signed command messages refused in the last minute (not answered)",
                    n);
            events.accept(StationEvent.of("command.refusals_suppressed", clock.instant(), "count", n));
        }
    }

    private Future<Void> execute(RemoteCommand c) {
        Map<String, String> a = c.args();
        try {
            return switch (c.name()) {
                case "unlock" -> a.containsKey("member") ? control.admit(required(a, "member"), via(a))
                        : control.unlock(Duration.ofMillis(intArg(a, "ms", 5000, 200, 60_000)));
                case "lockdown" -> control.lockdown(boolArg(a, "on"));
                case "revoke", "unrevoke" -> {
                    boolean revoke = c.name().equals("revoke");
                    if (a.containsKey("badge")) {
                        yield control.revoke("badge", a.get("badge"), revoke);
                    }
                    yield control.revoke("member", required(a, "member"), revoke);
                }
                case "suspend" -> control.suspend(required(a, "member"), true);
                case "unsuspend" -> control.suspend(required(a, "member"), false);
                case "trust-keys" -> trustKeys(a);
                case "config" -> control.configure(a).map(applied -> {
                    responder.reportConfig(applied);
                    return null;
                });
                case "rebirth" -> {
                    rebirth.run();
                    yield Future.succeededFuture();
                }
                case "open-locker", "release-locker", "block-locker", "unblock-locker" -> control.locker(c.name(), a);
                default -> Future.failedFuture(new IllegalArgumentException("unknown command " + c.name()));
            };
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
    }

    /** {@code badgeAdd}/{@code badgeRemove}/{@code commandAdd}/{@code commandRemove}: comma-separated base64url keys. */
    private Future<Void> trustKeys(Map<String, String> a) {
        List<TrustedKey> commandAdd = keyList(a.get("commandAdd"));
        List<TrustedKey> commandRemove = keyList(a.get("commandRemove"));
        List<TrustedKey> next = new ArrayList<>(keys.all());
        next.removeAll(commandRemove);
        next.addAll(commandAdd);
        if (next.isEmpty()) {
            throw new IllegalArgumentException("refusing to remove the last command key");
        }
        List<Future<?>> writes = new ArrayList<>();
        commandAdd.forEach(k -> writes.add(store.addTrustedKey(k, "command")));
        commandRemove.forEach(k -> writes.add(store.removeTrustedKey(k.publicKey())));
        writes.add(control.trustBadgeKeys(keyList(a.get("badgeAdd")), keyList(a.get("badgeRemove"))));
        return Future.all(writes).onSuccess(v -> keys = new TrustedKeys(next)).mapEmpty();
    }

    void trustCommandKeys(TrustedKeys k) {
        this.keys = k;
    }

    private static List<TrustedKey> keyList(String csv) {
        List<TrustedKey> out = new ArrayList<>();
        if (csv == null || csv.isBlank()) {
            return out;
        }
        for (String s : csv.split(",")) {
            out.add(TrustedKey.of(Base64.getUrlDecoder().decode(s.strip())));
        }
        return out;
    }

    /** How a remote admission reached the member: {@code phone} (the door QR) or {@code remote} (an operator). */
    private static String via(Map<String, String> a) {
        String v = a.getOrDefault("via", "remote");
        if (!v.equals("phone") && !v.equals("remote")) {
            throw new IllegalArgumentException("argument via must be phone or remote, was " + v);
        }
        return v;
    }

    private static String required(Map<String, String> a, String key) {
        String v = a.get(key);
        if (v == null || v.isBlank() || v.length() > 64) {
            throw new IllegalArgumentException("argument " + key + " is required (1..64 characters)");
        }
        return v;
    }

    private static int intArg(Map<String, String> a, String key, int fallback, int min, int max) {
        String v = a.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("argument " + key + " must be " + min + ".." + max + ", was " + v);
    }

    private static boolean boolArg(Map<String, String> a, String key) {
        String v = required(a, key);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("argument " + key + " must be true or false, was " + v);
        }
        return Boolean.parseBoolean(v);
    }

}
