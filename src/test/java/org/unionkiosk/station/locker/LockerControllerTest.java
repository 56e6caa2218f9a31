// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.locker;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.protocol.StationEvent;
import org.unionkiosk.station.config.LockerConfig;
import org.unionkiosk.station.store.SqliteStationStore;

/** The controller's watching and assignment with a hand-written bank and a clock the test moves. */
@Timeout(value = 10, unit = SECONDS)
class LockerControllerTest {
    @TempDir
    Path dir;
    private Vertx vertx;
    private SqliteStationStore store;
    private final MovableClock clock = new MovableClock();
    private final FakeBank bank = new FakeBank(List.of("1", "2", "3", "4"));
    private final List<String> events = new CopyOnWriteArrayList<>();
    private LockerController lockers;
    private Context ctx;

    static final class MovableClock extends Clock {
        volatile Instant now = Instant.parse("2026-11-27T03:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Doors spring open on a pulse; the test closes them. */
    static final class FakeBank implements LockerBank {
        final Map<String, Boolean> closed = new ConcurrentHashMap<>();
        final List<String> pulses = new CopyOnWriteArrayList<>();
        /** Locks that do not open when pulsed. */
        final java.util.Set<String> jammed = ConcurrentHashMap.newKeySet();

        FakeBank(List<String> ids) {
            ids.forEach(id -> closed.put(id, true));
        }

        @Override
        public List<String> lockerIds() {
            return List.copyOf(closed.keySet());
        }

        @Override
        public CompletableFuture<Void> open(String id) {
            pulses.add(id);
            if (!jammed.contains(id)) {
                closed.put(id, false);
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Map<String, Boolean>> doorsClosed() {
            return CompletableFuture.completedFuture(Map.copyOf(closed));
        }

        @Override
        public void close() {
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        vertx = Vertx.vertx();
        store = SqliteStationStore.open(vertx, dir.resolve("station.db"), true).await(5, SECONDS);
        ctx = vertx.getOrCreateContext();
        List<LockerConfig.Locker> ls = new ArrayList<>();
        for (String id : List.of("1", "2", "3", "4")) {
            ls.add(new LockerConfig.Locker(id, id.equals("1") ? 2 : 1, 0, 0));
        }
        LockerConfig cfg = new LockerConfig(Duration.ofMillis(50), Duration.ZERO, Duration.ofSeconds(120),
                Duration.ofHours(24), 1, Duration.ofSeconds(15), Duration.ofSeconds(60),
                List.of(new LockerConfig.Bank("a", "gpio", 0, 0, null, ls)));
        Map<String, LockerBank> byId = Map.of("1", bank, "2", bank, "3", bank, "4", bank);
        lockers = onContext(() -> {
            LockerController c = new LockerController(vertx, ctx, cfg, byId, store, clock,
                    (StationEvent e) -> events.add(e.type() + " " + e.fields().get("locker")), () -> { });
            return c.start().map(c);
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        vertx.close().await(5, SECONDS);
    }

    private <T> T onContext(java.util.function.Supplier<Future<T>> work) throws Exception {
        CompletableFuture<T> out = new CompletableFuture<>();
        ctx.runOnContext(v -> work.get().onComplete(ar -> {
            if (ar.succeeded()) {
                out.complete(ar.result());
            } else {
                out.completeExceptionally(ar.cause());
            }
        }));
        return out.get(5, SECONDS);
    }

    @Test
    void manyMembersAtOnceNeverShareALockerAndTheRestAreRefused() throws Exception {
        List<LockerOutcome> outcomes = onContext(() -> {
            List<Future<LockerOutcome>> all = new ArrayList<>();
            for (int m = 0; m < 6; m++) {
                all.add(lockers.onScan("m-" + m, o -> { }));
            }
            return Future.all(all).map(f -> f.<LockerOutcome>list());
        });

        List<String> given = outcomes.stream().filter(o -> o instanceof LockerOutcome.Opened)
                .map(o -> ((LockerOutcome.Opened) o).lockerId()).toList();
        assertThat(given).hasSize(4).doesNotHaveDuplicates();
        assertThat(given.subList(0, 3)).containsExactly("2", "3", "4"); // smallest size first
        assertThat(outcomes).filteredOn(o -> o instanceof LockerOutcome.Refused).hasSize(2);
    }

    @Test
    void reportsLeftOpenAndOverdueOnceEach() throws Exception {
        onContext(() -> lockers.onScan("m-1", o -> { }));
        await().until(() -> events.contains("locker.opened 2"));

        clock.now = clock.now.plus(Duration.ofMinutes(3));
        await().until(() -> events.contains("locker.left_open 2"));
        bank.closed.put("2", true);
        await().until(() -> events.contains("locker.closed 2"));
        clock.now = clock.now.plus(Duration.ofHours(25));
        await().until(() -> events.contains("locker.overdue 2"));
        Thread.sleep(1500);

        assertThat(events).filteredOn(e -> e.startsWith("locker.overdue")).hasSize(1);
        assertThat(events).filteredOn(e -> e.startsWith("locker.left_open")).hasSize(1);
        assertThat(lockers.status().getInteger("overdue")).isEqualTo(1);
    }

    @Test
    void remoteOpenForceReleaseAndBlock() throws Exception {
        onContext(() -> lockers.onScan("m-1", o -> { }));
        onContext(() -> lockers.block("3", true));

        onContext(() -> lockers.open("4"));
        onContext(() -> lockers.forceRelease("2"));
        LockerOutcome next = onContext(() -> lockers.onScan("m-2", o -> { }));

        assertThat(bank.pulses).containsExactly("2", "4", "2");
        assertThat(next).isEqualTo(new LockerOutcome.Opened("2", true));
        assertThat(lockers.status().getJsonArray("outOfService").getList()).containsExactly("3");
        assertThat(events).contains("locker.blocked 3", "locker.released 2");
        onContext(() -> lockers.block("3", false));
        assertThat(lockers.status().getJsonArray("outOfService").getList()).isEmpty();
    }

    @Test
    void aDoorOpenedWithoutACommandIsForced() {
        bank.closed.put("4", false);

        await().until(() -> events.contains("locker.forced 4"));
        assertThat(bank.pulses).isEmpty();
    }

    @Test
    void aJammedLockerIsTakenOutOfServiceAndTheMemberGetsTheNextFreeOne() throws Exception {
        bank.jammed.add("2");
        List<LockerOutcome> decided = new CopyOnWriteArrayList<>();

        LockerOutcome o = onContext(() -> lockers.onScan("m-1", decided::add));

        assertThat(o).isEqualTo(new LockerOutcome.Reassigned("3", "2"));
        assertThat(decided).containsExactly(new LockerOutcome.Opened("2", true));
        assertThat(lockers.jammed()).containsExactly("2");
        assertThat(events).containsSubsequence("locker.assigned 2", "locker.fault 2", "alarm.locker_jammed 2",
                "locker.assigned 3", "locker.opened 3");
        bank.closed.put("3", true);
        clock.now = clock.now.plus(Duration.ofMinutes(5));
        assertThat(onContext(() -> lockers.onScan("m-1", x -> { }))).as("never locker_at_limit because of a jam")
                .isEqualTo(new LockerOutcome.Opened("3", false));
    }

    @Test
    void aLockThatJamsWhenItsOwnerComesBackOffersThemAnotherLocker() throws Exception {
        onContext(() -> lockers.onScan("m-1", o -> { }));
        bank.closed.put("2", true);
        clock.now = clock.now.plus(Duration.ofMinutes(5));
        bank.jammed.add("2");

        LockerOutcome o = onContext(() -> lockers.onScan("m-1", x -> { }));

        assertThat(o).isEqualTo(new LockerOutcome.Reassigned("3", "2"));
        assertThat(lockers.jammed()).containsExactly("2");
        assertThat(lockers.status().getInteger("owned")).isEqualTo(1);
    }

    @Test
    void aSecondJamInARowIsRefusedAsAFaultWithoutTryingEveryLocker() throws Exception {
        bank.jammed.addAll(List.of("2", "3"));

        LockerOutcome o = onContext(() -> lockers.onScan("m-1", x -> { }));

        assertThat(o).isEqualTo(new LockerOutcome.Refused("fault"));
        assertThat(lockers.jammed()).containsExactly("2", "3");
        assertThat(bank.pulses).doesNotContain("1", "4");
        assertThat(lockers.status().getInteger("free")).isEqualTo(2);
    }
}
