// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.telemetry;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.unionkiosk.protocol.Badges;
import org.unionkiosk.protocol.CommandCodec;
import org.unionkiosk.protocol.Mutations;
import org.unionkiosk.protocol.RemoteCommand;
import org.unionkiosk.protocol.SigningKey;
import org.unionkiosk.protocol.Topics;
import org.unionkiosk.protocol.TrustedKey;
import org.unionkiosk.protocol.TrustedKeys;
import org.unionkiosk.station.store.SqliteStationStore;

/**
 * Mutated signed commands and topics through the station's whole command path (verification, replay memory in a
 * real SQLite file, execution), without a broker: no mutant ever reaches the station's controls. Each try ends with
 * a fresh genuine command and waits for its answer, so an accepted mutant, whose execution is asynchronous, would
 * have reached the controls before the check.
 */
class CommandHandlerFuzzTest {
    private static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");
    private static final SigningKey CENTRAL = Badges.newKey();
    private static final Topics TOPICS = new Topics("sz", "st-1");
    private static final String ID = "fuzz-cmd-0001";
    private static final byte[] GENUINE = signed(ID, "800").getBytes(StandardCharsets.UTF_8);
    private static final AtomicInteger SENTINELS = new AtomicInteger();

    private static Path dir;
    private static Vertx vertx;
    private static Context context;
    private static SqliteStationStore store;
    private static CommandHandler handler;
    private static final List<String> actions = new CopyOnWriteArrayList<>();
    private static final Map<String, Boolean> answers = new ConcurrentHashMap<>();

    @BeforeContainer
    static void start() throws Exception {
        dir = Files.createTempDirectory("command-fuzz");
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
        store = SqliteStationStore.open(vertx, dir.resolve("station.db"), true).await(5, SECONDS);
        CommandHandler.Responder responder = new CommandHandler.Responder() {
            @Override
            public void respond(String id, boolean ok, String reason) {
                answers.put(id, ok);
            }

            @Override
            public void reportConfig(Map<String, String> config) {
                actions.add("reportConfig " + config);
            }
        };
        handler = new CommandHandler(TOPICS, "sz/st-1", new TrustedKeys(List.of(CENTRAL.publicKey())),
                Clock.fixed(NOW, ZoneOffset.UTC), store, new RecordingControl(), e -> { }, responder,
                () -> actions.add("rebirth"));
        // Positive control: the genuine command does act, once; from now on its exact bytes are a replay.
        deliver(TOPICS.command("unlock", ID), GENUINE);
        awaitAnswer(ID);
        assertThat(actions).containsExactly("unlock PT0.8S");
        actions.clear();
    }

    @AfterContainer
    static void stop() throws Exception {
        store.close().await(5, SECONDS);
        vertx.close().await(5, SECONDS);
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Property(seed = "5151")
    void noMutatedCommandReachesTheControls(@ForAll("mutants") Tuple2<String, byte[]> message) throws Exception {
        deliver(message.get1(), message.get2());
        String sentinel = "sentinel-" + SENTINELS.incrementAndGet();
        deliver(TOPICS.command("unlock", sentinel), signed(sentinel, "777").getBytes(StandardCharsets.UTF_8));
        awaitAnswer(sentinel);

        assertThat(answers.get(sentinel)).isTrue();
        assertThat(actions).containsExactly("unlock PT0.777S");
        actions.clear();
    }

    private static String signed(String id, String ms) {
        return CommandCodec.sign(new RemoteCommand(id, "sz/st-1", "unlock", NOW, NOW.plusSeconds(60),
                Map.of("ms", ms)), CENTRAL);
    }

    private static void deliver(String topic, byte[] payload) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                handler.onMessage(topic, payload, false);
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        done.get(5, SECONDS);
    }

    private static void awaitAnswer(String id) throws InterruptedException {
        for (int i = 0; i < 500 && !answers.containsKey(id); i++) {
            Thread.sleep(2);
        }
        assertThat(answers).as("answer to %s", id).containsKey(id);
    }

    @Provide
    Arbitrary<Tuple2<String, byte[]>> mutants() {
        String topic = TOPICS.command("unlock", ID);
        byte[] body = part("body");
        byte[] sig = part("sig");
        Arbitrary<Tuple2<String, byte[]>> payloads = Arbitraries.oneOf(Mutations.bytes(GENUINE),
                Mutations.bytes(body).map(b -> envelope(b, sig)), Mutations.bytes(sig).map(s -> envelope(body, s)),
                Arbitraries.just(GENUINE)).map(p -> Tuple.of(topic, p));
        Arbitrary<String> topics = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of("unlock", "lockdown", "config", "rebirth", "open-locker", "x", ""),
                        Arbitraries.of(ID, ID + "x", "fuzz-cmd-0002", "", "+")).as(TOPICS::command),
                Mutations.bytes(topic.getBytes(StandardCharsets.UTF_8)).map(b -> new String(b,
                        StandardCharsets.UTF_8)));
        return Arbitraries.oneOf(payloads, topics.map(t -> Tuple.of(t, GENUINE)));
    }

    private static byte[] part(String field) {
        String s = new JsonObject(new String(GENUINE, StandardCharsets.UTF_8)).getString(field);
        return Base64.getUrlDecoder().decode(s);
    }

    private static byte[] envelope(byte[] body, byte[] sig) {
        var b64 = Base64.getUrlEncoder().withoutPadding();
        return ("{\"v\":1,\"kid\":\"" + CENTRAL.publicKey().kidHex() + "\",\"body\":\"" + b64.encodeToString(body)
                + "\",\"sig\":\"" + b64.encodeToString(sig) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** Records every action a command would take on the station. */
    private static final class RecordingControl implements StationControl {
        private static Future<Void> record(String action) {
            actions.add(action);
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> unlock(Duration duration) {
            return record("unlock " + duration);
        }

        @Override
        public Future<Void> admit(String memberId, String via) {
            return record("admit " + memberId + " " + via);
        }

        @Override
        public Future<Void> lockdown(boolean on) {
            return record("lockdown " + on);
        }

        @Override
        public Future<Void> revoke(String kind, String value, boolean revoked) {
            return record("revoke " + kind + " " + value + " " + revoked);
        }

        @Override
        public Future<Void> suspend(String memberId, boolean suspended) {
            return record("suspend " + memberId + " " + suspended);
        }

        @Override
        public Future<Void> trustBadgeKeys(List<TrustedKey> add, List<TrustedKey> remove) {
            return record("trustBadgeKeys");
        }

        @Override
        public Future<Map<String, String>> configure(Map<String, String> desired) {
            actions.add("configure " + desired);
            return Future.succeededFuture(desired);
        }

        @Override
        public Map<String, String> reportedConfig() {
            return Map.of();
        }

        @Override
        public JsonObject status() {
            return new JsonObject();
        }

        @Override
        public Future<Void> locker(String action, Map<String, String> args) {
            return record("locker " + action + " " + args);
        }
    }
}
