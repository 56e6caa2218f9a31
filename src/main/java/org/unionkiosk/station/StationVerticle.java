// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.protocol.StationEvent;
import org.unionkiosk.station.access.AccessDecision;
import org.unionkiosk.station.access.AccessPolicy;
import org.unionkiosk.station.access.StationConditions;
import org.unionkiosk.station.config.ScannerConfig;
import org.unionkiosk.station.config.StationConfig;
import org.unionkiosk.station.door.DoorController;
import org.unionkiosk.station.door.DoorLock;
import org.unionkiosk.station.door.DoorSensors;
import org.unionkiosk.station.door.Indicators;
import org.unionkiosk.station.door.Passage;
import org.unionkiosk.station.occupancy.OccupancyCounter;
import org.unionkiosk.station.scanner.BadgeScan;
import org.unionkiosk.station.scanner.BadgeScanner;
import org.unionkiosk.station.screen.ScreenServer;
import org.unionkiosk.station.screen.VerdictTexts;
import org.unionkiosk.station.store.SqliteStationStore;

/**
 * Owns the station's state — door, access, occupancy — on one context, so none of it needs locks. Scanner and GPIO
 * callbacks arrive on foreign threads and are posted here. The decision and the relay command happen before the
 * event append, which runs beside them on the SQLite thread.
 */
public final class StationVerticle extends VerticleBase {
    private static final Logger log = LoggerFactory.getLogger(StationVerticle.class);
    static final String INSIDE = "occupancy.inside";
    static final String RESET_DAY = "occupancy.resetDay";
    private static final Duration CLOCK_CHECK = Duration.ofSeconds(30);

    private final StationConfig cfg;
    private final Clock clock;
    private final SqliteStationStore store;
    private final DoorLock lock;
    private final DoorSensors sensors;
    private final Indicators indicators;
    private final AccessPolicy policy;
    private final OccupancyCounter occupancy;
    private final List<BadgeScanner> scanners;
    private final Instant startedAt;

    private Context ctx;
    private DoorController door;
    private ScreenServer screen;
    private boolean lockdown;
    private boolean clockSynced;
    private String storeProblem;
    private AccessDecision lastDecision;
    private Instant lastDecisionAt;
    private int port;

    public StationVerticle(StationConfig cfg, Clock clock, SqliteStationStore store, DoorLock lock,
                           DoorSensors sensors, Indicators indicators, AccessPolicy policy, OccupancyCounter occupancy,
                           List<BadgeScanner> scanners) {
        this.cfg = cfg;
        this.clock = clock;
        this.store = store;
        this.lock = lock;
        this.sensors = sensors;
        this.indicators = indicators;
        this.policy = policy;
        this.occupancy = occupancy;
        this.scanners = List.copyOf(scanners);
        this.startedAt = clock.instant();
    }

    @Override
    public Future<?> start() {
        ctx = context;
        door = new DoorController(vertx, lock, cfg.door(), clock, this::record, this::passed);
        screen = new ScreenServer(vertx, this::status, this::problems);
        sensors.onSignal(s -> ctx.runOnContext(v -> {
            door.on(s);
            screen.publish();
        }));
        door.start(sensors.doorOpen(), sensors.tamperActive(), sensors.fireAlarmActive());
        for (BadgeScanner s : scanners) {
            s.onScan(scan -> ctx.runOnContext(v -> onScan(scan)));
        }
        return checkClock()
                .compose(v -> screen.listen(cfg.httpHost(), cfg.httpPort()))
                .onSuccess(p -> {
                    port = p;
                    vertx.setPeriodic(CLOCK_CHECK.toMillis(), t -> checkClock());
                    scheduleDailyReset();
                    scanners.forEach(BadgeScanner::start);
                    record(StationEvent.of("station.started", clock.instant(), "inside", occupancy.inside()));
                    log.info("Station {} started: http port {}, {} scanner(s), platform {}", cfg.stationRef(), p,
                            scanners.size(), cfg.platform());
                });
    }

    @Override
    public Future<?> stop() {
        scanners.forEach(BadgeScanner::stop);
        lock.lock();
        return screen.close();
    }

    /** The HTTP port actually bound (config may say 0 in tests). */
    public int port() {
        return port;
    }

    void onScan(BadgeScan scan) {
        boolean entry = scan.role() == ScannerConfig.Role.ENTRY;
        AccessDecision d = policy.decide(scan.text(), entry,
                new StationConditions(occupancy.inside(), lockdown, clockSynced));
        // Actuate first; the durable record follows on the SQLite thread.
        if (d instanceof AccessDecision.Granted g) {
                door.grant(entry ? Passage.ENTRY : Passage.EXIT);
                indicators.showGranted();
                log.info("Access granted to badge {} at scanner {}", g.badgeRef(), scan.scannerId());
                record(StationEvent.of("access.granted", scan.at(), "badge", g.badgeRef(), "member",
                        g.claims().memberId(), "badgeId", g.claims().badgeId(), "scanner", scan.scannerId(),
                        "role", scan.role().toString(), "kind", g.claims().kind().name().toLowerCase()));
        } else if (d instanceof AccessDecision.Denied r) {
                indicators.showDenied();
                log.info("Access denied to badge {} at scanner {}: {} ({})", r.badgeRef(), scan.scannerId(),
                        r.reason().code(), r.detail());
                record(StationEvent.of("access.denied", scan.at(), "badge", r.badgeRef(), "reason",
                        r.reason().code(), "detail", r.detail(), "scanner", scan.scannerId(),
                        "role", scan.role().toString()));
        }
        lastDecision = d;
        lastDecisionAt = scan.at();
        screen.publish();
    }

    private void passed(Passage p) {
        if (p == Passage.ENTRY) {
            occupancy.entered();
        } else {
            occupancy.exited();
        }
        record(StationEvent.of(p == Passage.ENTRY ? "occupancy.entered" : "occupancy.exited", clock.instant(),
                "inside", occupancy.inside()));
        store.setCounter(INSIDE, occupancy.inside()).onFailure(this::storeFailed);
    }

    private void record(StationEvent e) {
        store.append(e).onSuccess(seq -> storeProblem = null).onFailure(this::storeFailed);
        if (screen != null) {
            screen.publish();
        }
    }

    private void storeFailed(Throwable t) {
        storeProblem = "store: " + t.getMessage();
        log.error("Station database write failed; events are not being kept", t);
    }

    private Future<Void> checkClock() {
        if (!cfg.access().requireClockSync()) {
            clockSynced = true;
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> Files.exists(cfg.access().clockSyncFile())).map(synced -> {
            if (synced != clockSynced) {
                log.warn("System clock is now {}", synced ? "synchronised" : "NOT synchronised: badges refused");
            }
            clockSynced = synced;
            return null;
        });
    }

    private void scheduleDailyReset() {
        ZonedDateTime now = ZonedDateTime.now(clock);
        ZonedDateTime next = now.with(cfg.occupancyResetAt());
        if (!next.isAfter(now)) {
            next = next.plusDays(1);
        }
        vertx.setTimer(Math.max(1, Duration.between(now, next).toMillis()), t -> {
            int before = occupancy.inside();
            occupancy.resetDaily();
            record(StationEvent.of("occupancy.reset", clock.instant(), "inside_before", before));
            store.setCounter(INSIDE, 0).onFailure(this::storeFailed);
            store.setCounter(RESET_DAY, LocalDate.now(clock).toEpochDay()).onFailure(this::storeFailed);
            scheduleDailyReset();
        });
    }

    List<String> problems() {
        List<String> p = new ArrayList<>();
        if (storeProblem != null) {
            p.add(storeProblem);
        }
        if (cfg.access().requireClockSync() && !clockSynced) {
            p.add("clock: not synchronised");
        }
        for (int i = 0; i < scanners.size(); i++) {
            String sp = scanners.get(i).problem();
            if (sp != null) {
                p.add("scanner " + cfg.scanners().get(i).id() + ": " + sp);
            }
        }
        return p;
    }

    JsonObject status() {
        JsonObject decision = null;
        if (lastDecision != null) {
            decision = new JsonObject().put("at", lastDecisionAt.toString());
            if (lastDecision instanceof AccessDecision.Denied d) {
                decision.put("result", "denied").put("reason", d.reason().code())
                        .put("message", VerdictTexts.refused(d.reason(), cfg.language()));
            } else {
                decision.put("result", "granted").put("message", VerdictTexts.granted(cfg.language()));
            }
        }
        JsonArray alarms = new JsonArray();
        door.alarms().forEach(a -> alarms.add(a.code()));
        return new JsonObject()
                .put("v", 1)
                .put("station", cfg.stationRef())
                .put("language", cfg.language().toString())
                .put("prompt", VerdictTexts.prompt(cfg.language()))
                .put("door", door.state().toString())
                .put("lock", new JsonObject().put("locked", lock.isLocked()).put("energised", lock.isEnergised()))
                .put("occupancy", new JsonObject().put("inside", occupancy.inside())
                        .put("entries", occupancy.entries()).put("exits", occupancy.exits())
                        .put("capacity", cfg.access().capacity()))
                .put("lastDecision", decision)
                .put("alarms", alarms)
                .put("lockdown", lockdown)
                .put("clockSynced", clockSynced)
                .put("problems", new JsonArray(problems()))
                .put("uptimeSeconds", Duration.between(startedAt, clock.instant()).toSeconds());
    }
}
