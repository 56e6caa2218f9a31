// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.locker;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.protocol.StationEvent;
import org.unionkiosk.station.config.LockerConfig;
import org.unionkiosk.station.store.LockerRow;
import org.unionkiosk.station.store.SqliteStationStore;

/**
 * Assigns, opens, releases and watches lockers. Runs on the station context; SQLite holds the truth (owner written
 * before the pulse), the banks' bus threads do the I/O. A scan by a member without a locker assigns the smallest
 * free one and opens it; a scan by its owner opens it; a second scan by the owner within
 * {@code releaseScanSeconds} of an opening asks to return it, and it is freed when its door is next closed within the release
 * window. Doors are polled every second: {@code locker.forced} (opened with no command), {@code locker.left_open},
 * {@code locker.overdue}. A lock that does not open after a pulse is retried once, then taken out of service with
 * {@code alarm.locker_jammed}, and the member is offered the next free locker.
 */
public final class LockerController {
    private static final Logger log = LoggerFactory.getLogger(LockerController.class);
    private static final Duration EXPECT_OPEN = Duration.ofSeconds(3);
    private static final long POLL_MS = 1000;

    private final Vertx vertx;
    private final Context ctx;
    private final LockerConfig cfg;
    private final Map<String, LockerBank> bankOf;
    private final SqliteStationStore store;
    private final Clock clock;
    private final Consumer<StationEvent> events;
    private final Runnable changed;
    private final Map<String, LockerRow> rows = new LinkedHashMap<>();
    private final Map<String, Boolean> closed = new HashMap<>();
    private final Map<String, Instant> openedAt = new HashMap<>();
    private final Map<String, Instant> commandedAt = new HashMap<>();
    /**
     * When each lock was last pulsed, on the monotonic clock: whether a door sprang open because of the pulse is a
     * matter of the mechanism's seconds, which a stepped (NTP) or accelerated (demo) wall clock would misjudge.
     */
    private final Map<String, Long> pulsedNanos = new HashMap<>();
    private final Map<String, Instant> releaseRequested = new HashMap<>();
    private final Set<String> leftOpenRaised = new HashSet<>();
    private final Set<String> overdueRaised = new HashSet<>();
    private final Set<String> busy = new HashSet<>();
    private long poller = -1;

    public LockerController(Vertx vertx, Context ctx, LockerConfig cfg, Map<String, LockerBank> bankOf,
                            SqliteStationStore store, Clock clock, Consumer<StationEvent> events, Runnable changed) {
        this.vertx = vertx;
        this.ctx = ctx;
        this.cfg = cfg;
        this.bankOf = Map.copyOf(bankOf);
        this.store = store;
        this.clock = clock;
        this.events = events;
        this.changed = changed;
    }

    /** Loads state; a locker left 'opening' by a crash is settled by its door sensor, never pulsed again. */
    public Future<Void> start() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        cfg.banks().forEach(b -> b.lockers().forEach(l -> sizes.put(l.id(), l.size())));
        return store.syncLockers(sizes).compose(list -> {
            list.forEach(r -> rows.put(r.id(), r));
            return readDoors();
        }).compose(doors -> {
            closed.putAll(doors);
            List<Future<Void>> settled = new ArrayList<>();
            for (LockerRow r : List.copyOf(rows.values())) {
                if ("opening".equals(r.state())) {
                    boolean doorOpen = !doors.getOrDefault(r.id(), true);
                    log.warn("Locker {} was opening for {} when the station stopped; door {}: kept as owned",
                            r.id(), r.owner(), doorOpen ? "open" : "closed");
                    emit("locker.recovered", "locker", r.id(), "door", doorOpen ? "open" : "closed");
                    settled.add(put(r.id(), "owned", r.owner()));
                }
            }
            poller = vertx.setPeriodic(POLL_MS, t -> poll());
            return Future.all(settled).mapEmpty();
        });
    }

    /** Stops watching and switches every lock output off; waits for a pulse under way, on a worker thread. */
    public Future<Void> stop() {
        vertx.cancelTimer(poller);
        return vertx.executeBlocking(() -> {
            bankOf.values().stream().distinct().forEach(LockerBank::close);
            return null;
        });
    }

    /**
     * A member's valid scan at a locker terminal. {@code decided} hears the decision as soon as it is made, before
     * any locker event it causes (so the decision's seq comes first); the future gives the final outcome, which
     * differs when a lock jams: the member is then offered another free locker.
     */
    public Future<LockerOutcome> onScan(String member, Consumer<LockerOutcome> decided) {
        LockerRow own = rows.values().stream().filter(r -> member.equals(r.owner()) && holds(r)).findFirst()
                .orElse(null);
        if (own != null) {
            Instant last = commandedAt.get(own.id());
            if (last != null && Duration.between(last, clock.instant()).compareTo(cfg.releaseScan()) < 0) {
                LockerOutcome pending = new LockerOutcome.ReleasePending(own.id());
                decided.accept(pending);
                releaseRequested.put(own.id(), clock.instant());
                emit("locker.release_requested", "locker", own.id(), "member", member);
                return Future.succeededFuture(pending);
            }
            decided.accept(new LockerOutcome.Opened(own.id(), false));
            // A jam here keeps the member as the owner of the jammed locker (their things are inside, staff
            // release it), but it no longer counts against their limit: they are offered another locker.
            return pulse(own.id(), member).compose(ok -> ok
                    ? Future.succeededFuture(new LockerOutcome.Opened(own.id(), false))
                    : assignAndOpen(member, own.id(), o -> { }));
        }
        long held = rows.values().stream().filter(r -> member.equals(r.owner()) && holds(r)).count();
        if (held >= cfg.perMember()) {
            LockerOutcome refused = new LockerOutcome.Refused("at_limit");
            decided.accept(refused);
            return Future.succeededFuture(refused);
        }
        return assignAndOpen(member, null, decided);
    }

    /** A locker counts as the member's while they can use it: not once it is jammed or blocked. */
    private static boolean holds(LockerRow r) {
        return "owned".equals(r.state()) || "opening".equals(r.state());
    }

    /**
     * Assigns the smallest free locker and opens it. A lock that does not open is taken out of service (never
     * opened, so nothing of the member's is inside: it gets no owner) and the next free locker is tried, once.
     */
    private Future<LockerOutcome> assignAndOpen(String member, String jammed, Consumer<LockerOutcome> decided) {
        List<String> inService = rows.values().stream().filter(r -> "free".equals(r.state()))
                .map(LockerRow::id).toList();
        if (inService.isEmpty()) {
            LockerOutcome none = new LockerOutcome.Refused(jammed == null ? "none_free" : "fault");
            decided.accept(none);
            return Future.succeededFuture(none);
        }
        return store.assignLocker(member, cfg.perMember(), inService, clock.instant()).compose(row -> {
            if (row == null) {
                LockerOutcome none = new LockerOutcome.Refused(jammed == null ? "none_free" : "fault");
                decided.accept(none);
                return Future.succeededFuture(none);
            }
            rows.put(row.id(), row);
            decided.accept(new LockerOutcome.Opened(row.id(), true));
            emit("locker.assigned", "locker", row.id(), "member", member, "size", row.size());
            return pulse(row.id(), member).compose(ok -> {
                if (ok) {
                    return put(row.id(), "owned", member).map(v -> jammed == null
                            ? new LockerOutcome.Opened(row.id(), true)
                            : new LockerOutcome.Reassigned(row.id(), jammed));
                }
                // One more locker, not every one: a dead lock supply must not take the whole bank out of service
                // on a single scan.
                return put(row.id(), "error", null).compose(v -> jammed == null
                        ? assignAndOpen(member, row.id(), o -> { })
                        : Future.succeededFuture(new LockerOutcome.Refused("fault")));
            });
        });
    }

    /** Lockers out of service because their lock did not open: each one is an alarm until staff clear it. */
    public List<String> jammed() {
        return rows.values().stream().filter(r -> "error".equals(r.state())).map(LockerRow::id).toList();
    }

    /** Remote: open a locker whatever its owner (staff helping a member). */
    public Future<Void> open(String id) {
        requireKnown(id);
        return pulse(id, null).compose(ok -> ok ? Future.succeededFuture()
                : Future.failedFuture("locker " + id + " did not open; taken out of service"));
    }

    /** Remote: free a locker now (belongings collected by staff, member gone). */
    public Future<Void> forceRelease(String id) {
        requireKnown(id);
        String owner = rows.get(id).owner();
        emit("locker.released", "locker", id, "member", owner, "by", "remote");
        return put(id, "free", null);
    }

    /** Remote: take a locker out of service, or put it back (free). */
    public Future<Void> block(String id, boolean blocked) {
        requireKnown(id);
        emit(blocked ? "locker.blocked" : "locker.unblocked", "locker", id);
        return put(id, blocked ? "blocked" : "free", blocked ? rows.get(id).owner() : null);
    }

    private void requireKnown(String id) {
        if (!rows.containsKey(id)) {
            throw new IllegalArgumentException("no locker " + id);
        }
    }

    /** Pulses the lock, then checks the door sprang open; retries once; false (and error state) if it did not. */
    private Future<Boolean> pulse(String id, String member) {
        if (!busy.add(id)) {
            return Future.succeededFuture(true); // a pulse for this locker is already under way
        }
        commandedAt.put(id, clock.instant());
        pulsedNanos.put(id, System.nanoTime());
        return attempt(id).compose(open -> open ? Future.succeededFuture(true) : attempt(id)).compose(open -> {
            busy.remove(id);
            if (open) {
                emit("locker.opened", "locker", id, "member", member);
                return Future.succeededFuture(true);
            }
            log.error("Locker {} did not open after two pulses: taken out of service", id);
            return jam(id, "did not open after two pulses");
        }, t -> {
            busy.remove(id);
            return jam(id, String.valueOf(t.getMessage()));
        });
    }

    private Future<Boolean> jam(String id, String problem) {
        emit("locker.fault", "locker", id, "problem", problem);
        emit("alarm.locker_jammed", "locker", id);
        return put(id, "error", rows.get(id).owner()).map(false);
    }

    private Future<Boolean> attempt(String id) {
        LockerBank bank = bankOf.get(id);
        return onContext(bank.open(id).thenCompose(v -> bank.doorsClosed()))
                .map(doors -> {
                    boolean open = !doors.getOrDefault(id, true);
                    if (open && !Boolean.FALSE.equals(closed.put(id, false))) {
                        openedAt.put(id, clock.instant()); // the poll will not see this opening as a change
                    }
                    return open;
                });
    }

    private void poll() {
        readDoors().onSuccess(doors -> {
            Instant now = clock.instant();
            doors.forEach((id, isClosed) -> {
                Boolean was = closed.put(id, isClosed);
                LockerRow r = rows.get(id);
                if (was != null && was && !isClosed) {
                    openedAt.put(id, now);
                    Long pulsed = pulsedNanos.get(id);
                    if (pulsed == null || System.nanoTime() - pulsed > EXPECT_OPEN.toNanos()) {
                        log.warn("Locker {} opened without a command", id);
                        emit("locker.forced", "locker", id);
                    }
                } else if (was != null && !was && isClosed) {
                    openedAt.remove(id);
                    leftOpenRaised.remove(id);
                    emit("locker.closed", "locker", id);
                    Instant asked = releaseRequested.remove(id);
                    if (asked != null && Duration.between(asked, now).compareTo(cfg.releaseWindow()) <= 0) {
                        emit("locker.released", "locker", id, "member", r.owner(), "by", "member");
                        put(id, "free", null);
                    }
                }
                Instant since = openedAt.get(id);
                if (!isClosed && since != null && Duration.between(since, now).compareTo(cfg.leftOpen()) > 0
                        && leftOpenRaised.add(id)) {
                    emit("locker.left_open", "locker", id);
                }
                if (r != null && "owned".equals(r.state()) && r.since() != null
                        && Duration.between(Instant.parse(r.since()), now).compareTo(cfg.overdue()) > 0
                        && overdueRaised.add(id)) {
                    emit("locker.overdue", "locker", id, "member", r.owner(), "since", r.since());
                }
            });
        });
    }

    private Future<Map<String, Boolean>> readDoors() {
        List<CompletableFuture<Map<String, Boolean>>> reads = new ArrayList<>();
        bankOf.values().stream().distinct().forEach(b -> reads.add(b.doorsClosed()));
        CompletableFuture<Map<String, Boolean>> all = CompletableFuture.allOf(reads.toArray(new CompletableFuture[0]))
                .thenApply(v -> {
                    Map<String, Boolean> m = new HashMap<>();
                    reads.forEach(r -> m.putAll(r.join()));
                    return m;
                });
        return onContext(all);
    }

    private <T> Future<T> onContext(CompletableFuture<T> cf) {
        io.vertx.core.Promise<T> p = io.vertx.core.Promise.promise();
        cf.whenComplete((v, t) -> ctx.runOnContext(x -> {
            if (t != null) {
                p.fail(t);
            } else {
                p.complete(v);
            }
        }));
        return p.future();
    }

    private Future<Void> put(String id, String state, String owner) {
        LockerRow old = rows.get(id);
        String since = owner == null ? null : old.since() != null && owner.equals(old.owner()) ? old.since()
                : clock.instant().toString();
        rows.put(id, new LockerRow(id, old.size(), state, owner, since));
        if (owner == null) {
            overdueRaised.remove(id);
            releaseRequested.remove(id);
        }
        changed.run();
        return store.setLocker(id, state, owner);
    }

    private void emit(String type, Object... fields) {
        events.accept(StationEvent.of(type, clock.instant(), fields));
    }

    /** Counts for /status and MQTT, never who holds what. */
    public JsonObject status() {
        Instant now = clock.instant();
        int free = 0;
        int owned = 0;
        int overdue = 0;
        JsonArray outOfService = new JsonArray();
        for (LockerRow r : rows.values()) {
            switch (r.state()) {
                case "free" -> free++;
                case "owned", "opening" -> {
                    owned++;
                    if (r.since() != null && Duration.between(Instant.parse(r.since()), now)
                            .compareTo(cfg.overdue()) > 0) {
                        overdue++;
                    }
                }
                default -> outOfService.add(r.id());
            }
        }
        return new JsonObject().put("free", free).put("owned", owned).put("overdue", overdue)
                .put("outOfService", outOfService);
    }
}
