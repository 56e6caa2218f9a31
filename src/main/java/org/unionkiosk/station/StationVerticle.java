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
import org.unionkiosk.station.power.PowerController;
import org.unionkiosk.station.power.PowerOutputs;
import org.unionkiosk.station.scanner.BadgeScan;
import org.unionkiosk.station.scanner.BadgeScanner;
import org.unionkiosk.station.screen.ScreenExtension;
import org.unionkiosk.station.screen.ScreenServer;
import org.unionkiosk.station.screen.VerdictTexts;
import org.unionkiosk.station.locker.LockerBank;
import org.unionkiosk.station.locker.LockerController;
import org.unionkiosk.station.locker.LockerOutcome;
import org.unionkiosk.station.store.SqliteStationStore;
import org.unionkiosk.station.telemetry.MqttTelemetry;
import org.unionkiosk.station.telemetry.StationControl;
import org.unionkiosk.protocol.TrustedKey;
import org.unionkiosk.protocol.TrustedKeys;
import java.util.Map;

/**
 * Owns the station's state — door, access, occupancy — on one context, so none of it needs locks. Scanner and GPIO
 * callbacks arrive on foreign threads and are posted here. The decision and the relay command happen before the
 * event append, which runs beside them on the SQLite thread.
 */
public final class StationVerticle extends VerticleBase implements StationControl {
    private static final Logger log = LoggerFactory.getLogger(StationVerticle.class);
    static final String INSIDE = "occupancy.inside";
    /** Prefix of used phone codes in the replay table they share with command ids. */
    static final String PHONE_CODE = "phone:";
    /** 1 while a station runs, 0 after a clean stop. */
    static final String RUNNING = "station.running";
    private static final Duration CLOCK_CHECK = Duration.ofSeconds(30);
    private static final Duration POWER_TICK = Duration.ofSeconds(10);
    private static final Duration PRUNE_EVERY = Duration.ofHours(6);
    /** How long a clean stop waits for events still waiting on a failing database. */
    private static final Duration STOP_DRAIN = Duration.ofSeconds(5);

    private final StationConfig cfg;
    private final Clock clock;
    private final SqliteStationStore store;
    private final DoorLock lock;
    private final DoorSensors sensors;
    private final Indicators indicators;
    private final AccessPolicy policy;
    private final OccupancyCounter occupancy;
    private DailyOccupancyReset dailyReset;
    private final ScannerHub scanners;
    private EventRecorder events;
    private final Map<String, LockerBank> lockerBanks;
    private LockerController lockers;
    private LockerOutcome lastLocker;
    private final Instant startedAt;
    private final TrustUpdates trust;
    private final TrustedKeys commandKeys;
    private final RemoteSettings settings;
    private final ScreenExtension screenExtension;
    /** Null without a power section. */
    private final PowerOutputs powerOutputs;
    private PowerController power;

    final LifeSafetySignals lifeSafety = new LifeSafetySignals();
    private Context ctx;
    private MqttTelemetry telemetry;
    private DoorController door;
    private ScreenServer screen;
    private boolean lockdown;
    private boolean clockSynced;
    private AccessDecision lastDecision;
    private Instant lastDecisionAt;
    private int port;
    private String previousEnd = "unknown";

    public StationVerticle(StationConfig cfg, Clock clock, SqliteStationStore store,
                           Map<String, LockerBank> lockerBanks, DoorLock lock,
                           DoorSensors sensors, Indicators indicators, AccessPolicy policy, OccupancyCounter occupancy,
                           List<BadgeScanner> scanners, Trust trust, Map<String, String> remoteConfig,
                           ScreenExtension screenExtension, PowerOutputs powerOutputs) {
        this.cfg = cfg;
        this.powerOutputs = powerOutputs;
        this.screenExtension = screenExtension;
        this.clock = clock;
        this.store = store;
        this.lockerBanks = Map.copyOf(lockerBanks);
        this.lock = lock;
        this.sensors = sensors;
        this.indicators = indicators;
        this.policy = policy;
        this.occupancy = occupancy;
        this.scanners = new ScannerHub(scanners, cfg.scanners());
        this.startedAt = clock.instant();
        this.trust = new TrustUpdates(store, policy, trust.badgeKeys());
        this.commandKeys = trust.commandKeys();
        this.settings = new RemoteSettings(policy, cfg.language());
        settings.apply(remoteConfig);
    }

    /** Keys in force at start: from kiosk.yaml plus those added at run time (SQLite). */
    public record Trust(List<TrustedKey> badgeKeys, TrustedKeys commandKeys) {
    }

    @Override
    public Future<?> start() {
        ctx = context;
        events = new EventRecorder(vertx, store, clock, cfg.eventRetentionDays());
        dailyReset = new DailyOccupancyReset(vertx, clock, cfg.occupancyResetAt(), store, occupancy, this::record,
                events::failed);
        door = new DoorController(vertx, lock, cfg.door(), clock, this::record, this::passed);
        screen = new ScreenServer(vertx, this::status, this::problems, screenExtension);
        if (powerOutputs != null) {
            power = new PowerController(cfg.power(), powerOutputs, clock, this::record);
            vertx.setPeriodic(POWER_TICK.toMillis(), t -> power.update(occupancy.inside(), sensors.fireAlarmActive()));
        }
        sensors.onSignal(s -> {
            long ticket = lifeSafety.arrived(s, System.nanoTime()); // the watchdog checks that it gets handled
            ctx.runOnContext(v -> {
                door.on(s);
                lifeSafety.handled(ticket);
                changed();
            });
        });
        door.start(sensors.doorOpen(), sensors.tamperActive(), sensors.fireAlarmActive());
        scanners.wire(vertx, ctx, this::onScan, this::scannerFault);
        Future<Void> lockersReady = Future.succeededFuture();
        if (cfg.lockers() != null) {
            lockers = new LockerController(vertx, ctx, cfg.lockers(), lockerBanks, store, clock, this::record,
                    this::changed);
            lockersReady = lockers.start();
        }
        if (cfg.mqtt() != null) {
            telemetry = new MqttTelemetry(vertx, ctx, cfg, store, this, commandKeys, clock, this::record);
            events.onAppended(telemetry::eventAppended);
        }
        return lockersReady.compose(v -> dailyReset.catchUp()).compose(v -> checkClock())
                .compose(v -> screen.listen(cfg.httpHost(), cfg.httpPort()))
                .compose(p -> markRunning().map(p))
                .onSuccess(p -> {
                    port = p;
                    vertx.setPeriodic(CLOCK_CHECK.toMillis(), t -> checkClock());
                    events.prune();
                    vertx.setPeriodic(PRUNE_EVERY.toMillis(), t -> events.prune());
                    dailyReset.schedule();
                    scanners.start();
                    if (telemetry != null) {
                        telemetry.start();
                    }
                    record(StationEvent.of("station.started", clock.instant(), "previous", previousEnd,
                            "inside", occupancy.inside()));
                    log.info("Station {} started: http port {}, {} scanner(s), platform {}", cfg.stationRef(), p,
                            scanners.size(), cfg.platform());
                });
    }

    @Override
    public Future<?> stop() {
        scanners.stop();
        lock.lock();
        log.info("Station {} stopping: door locked, scanners stopped", cfg.stationRef());
        // Events still waiting for a retry, then the stop event, then the clean mark, in this order, before the
        // store closes; a database that stays broken leaves the run marked unclean.
        Future<Void> recorded = events.drain(StationEvent.of("station.stopped", clock.instant(),
                        "inside", occupancy.inside()), STOP_DRAIN)
                .compose(v -> store.setCounter(RUNNING, 0))
                .onFailure(t -> log.warn("Station stop not recorded: {}", t.toString()))
                .otherwiseEmpty();
        Future<Void> banks = lockers == null ? Future.succeededFuture() : lockers.stop();
        return Future.all(recorded, banks).transform(ar -> telemetry == null ? Future.succeededFuture()
                : telemetry.stop()).eventually(screen::close);
    }

    /**
     * Reads how the previous run ended and marks this one as running: a mark still set at start means the last
     * run ended without a clean stop (power cut, kill -9, crash).
     */
    private Future<Void> markRunning() {
        return store.counter(RUNNING, -1).compose(mark -> {
            previousEnd = mark < 0 ? "unknown" : mark == 0 ? "clean" : "unclean";
            if (mark > 0) {
                log.warn("Station {} did not stop cleanly last time", cfg.stationRef());
            }
            return store.setCounter(RUNNING, 1);
        });
    }

    /** The context that owns door, access and occupancy state. */
    Context context() {
        return ctx;
    }

    /** The HTTP port actually bound (config may say 0 in tests). */
    public int port() {
        return port;
    }

    void onScan(BadgeScan scan) {
        if (scan.role() == ScannerConfig.Role.LOCKER) {
            onLockerScan(scan);
            return;
        }
        boolean entry = scan.role() == ScannerConfig.Role.ENTRY;
        AccessDecision d = policy.decide(scan.text(), entry,
                new StationConditions(occupancy.inside(), lockdown, clockSynced));
        if (d instanceof AccessDecision.Granted g) {
            // The grant is queued for the SQLite thread before the door acts on it, so its seq comes before the
            // door.unlocked it causes; queuing costs no wait, the write happens beside the relay command.
            record(StationEvent.of("access.granted", scan.at(), "badge", g.badgeRef(), "member",
                    g.claims().memberId(), "badgeId", g.claims().badgeId(), "scanner", scan.scannerId(),
                    "role", scan.role().toString(), "kind", g.claims().kind().name().toLowerCase()));
            door.grant(entry ? Passage.ENTRY : Passage.EXIT);
            indicators.showGranted();
            log.info("Access granted to badge {} at scanner {}", g.badgeRef(), scan.scannerId());
            if (g.claims().kind() == org.unionkiosk.protocol.BadgeKind.PHONE) {
                // Kept past a restart: a phone code is refused as replayed until it has expired.
                store.firstSighting(PHONE_CODE + g.claims().badgeId(), g.claims().expiresAt()
                        .plus(policy.config().clockSkew()), clock.instant()).onFailure(events::failed);
            }
        } else {
            denied(scan, (AccessDecision.Denied) d);
        }
        lastDecision = d;
        lastDecisionAt = scan.at();
        lastLocker = null;
        changed();
    }

    private void denied(BadgeScan scan, AccessDecision.Denied r) {
        indicators.showDenied();
        log.info("Access denied to badge {} at scanner {}: {} ({})", r.badgeRef(), scan.scannerId(),
                r.reason().code(), r.detail());
        record(StationEvent.of("access.denied", scan.at(), "badge", r.badgeRef(), "reason", r.reason().code(),
                "detail", r.detail(), "scanner", scan.scannerId(), "role", scan.role().toString()));
    }

    /** A locker terminal: the same badge checks (as for leaving: never refused for capacity or hours). */
    private void onLockerScan(BadgeScan scan) {
        AccessDecision d = policy.decide(scan.text(), false,
                new StationConditions(occupancy.inside(), lockdown, clockSynced));
        lastDecision = d;
        lastDecisionAt = scan.at();
        lastLocker = null;
        if (d instanceof AccessDecision.Denied r) {
            denied(scan, r);
            changed();
            return;
        }
        AccessDecision.Granted g = (AccessDecision.Granted) d;
        lockers.onScan(g.claims().memberId(), decided -> recordLockerDecision(scan, g, decided)).onComplete(ar -> {
            lastLocker = ar.succeeded() ? ar.result() : new LockerOutcome.Refused("fault");
            if (lastLocker instanceof LockerOutcome.Refused r && r.why().equals("fault")) {
                // The decision was recorded as granted; the jam that undid it is recorded as what the member saw.
                recordLockerDecision(scan, g, lastLocker);
            }
            if (lastLocker instanceof LockerOutcome.Refused) {
                indicators.showDenied();
            } else {
                indicators.showGranted();
            }
            changed();
        });
        changed();
    }

    /** A locker terminal's decision as an access event with its reason, like any other scanner's. */
    private void recordLockerDecision(BadgeScan scan, AccessDecision.Granted g, LockerOutcome o) {
        if (o instanceof LockerOutcome.Refused r) {
            log.info("Locker refused to badge {} at scanner {}: locker_{}", g.badgeRef(), scan.scannerId(), r.why());
            record(StationEvent.of("access.denied", scan.at(), "badge", g.badgeRef(), "reason", "locker_" + r.why(),
                    "member", g.claims().memberId(), "scanner", scan.scannerId(), "role", scan.role().toString()));
            return;
        }
        String locker;
        String action;
        if (o instanceof LockerOutcome.Opened op) {
            locker = op.lockerId();
            action = op.assigned() ? "assigned" : "opened";
        } else if (o instanceof LockerOutcome.ReleasePending rp) {
            locker = rp.lockerId();
            action = "release_requested";
        } else {
            locker = ((LockerOutcome.Reassigned) o).lockerId();
            action = "reassigned";
        }
        log.info("Locker {} {} for badge {} at scanner {}", locker, action, g.badgeRef(), scan.scannerId());
        record(StationEvent.of("access.granted", scan.at(), "badge", g.badgeRef(), "member", g.claims().memberId(),
                "badgeId", g.claims().badgeId(), "scanner", scan.scannerId(), "role", scan.role().toString(),
                "kind", g.claims().kind().name().toLowerCase(), "locker", locker, "action", action));
    }

    private void changed() {
        if (power != null) {
            power.update(occupancy.inside(), sensors.fireAlarmActive());
        }
        if (screen != null) {
            screen.publish();
        }
        if (telemetry != null) {
            telemetry.statusChanged();
        }
    }

    private void scannerFault(String scannerId, String problem) {
        log.warn("Scanner {} fault: {}", scannerId, problem);
        record(StationEvent.of("scanner.fault", clock.instant(), "scanner", scannerId, "problem", problem));
    }

    private void passed(Passage p) {
        if (p == Passage.ENTRY) {
            occupancy.entered();
        } else {
            occupancy.exited();
        }
        record(StationEvent.of(p == Passage.ENTRY ? "occupancy.entered" : "occupancy.exited", clock.instant(),
                "inside", occupancy.inside()));
        store.setCounter(INSIDE, occupancy.inside()).onFailure(events::failed);
    }

    private void record(StationEvent e) {
        events.record(e);
        changed();
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

    List<String> problems() {
        List<String> p = new ArrayList<>();
        if (events.problem() != null) {
            p.add(events.problem());
        }
        if (cfg.access().requireClockSync() && !clockSynced) {
            p.add("clock: not synchronised");
        }
        p.addAll(scanners.problems());
        return p;
    }

    @Override
    public JsonObject status() {
        JsonObject decision = null;
        if (lastDecision != null) {
            decision = new JsonObject().put("at", lastDecisionAt.toString());
            if (lastDecision instanceof AccessDecision.Denied d) {
                decision.put("result", "denied").put("reason", d.reason().code())
                        .put("message", VerdictTexts.refused(d.reason(), settings.language()));
            } else if (lastLocker != null) {
                VerdictTexts.locker(lastLocker, settings.language(), decision);
            } else {
                decision.put("result", "granted").put("message", VerdictTexts.granted(settings.language()));
            }
        }
        JsonArray alarms = new JsonArray();
        door.alarms().forEach(a -> alarms.add(a.code()));
        if (lockers != null && !lockers.jammed().isEmpty()) {
            alarms.add("locker_jammed");
        }
        return new JsonObject()
                .put("v", 1)
                .put("station", cfg.stationRef())
                .put("language", settings.language().toString())
                .put("prompt", VerdictTexts.prompt(settings.language()))
                .put("door", door.state().toString())
                .put("lock", new JsonObject().put("locked", lock.isLocked()).put("energised", lock.isEnergised()))
                .put("occupancy", new JsonObject().put("inside", occupancy.inside())
                        .put("entries", occupancy.entries()).put("exits", occupancy.exits())
                        .put("capacity", policy.config().capacity()))
                .put("lastDecision", decision)
                .put("alarms", alarms)
                .put("lockdown", lockdown)
                .put("clockSynced", clockSynced)
                .put("problems", new JsonArray(problems()))
                .put("mqtt", telemetry == null ? null : telemetry.health())
                .put("http", screen.health())
                .put("lockers", lockers == null ? null : lockers.status())
                .put("scanners", scanners.status())
                .put("uptimeSeconds", Duration.between(startedAt, clock.instant()).toSeconds());
    }

    // ---- StationControl: remote commands, on this context ----

    @Override
    public Future<Void> unlock(Duration duration) {
        door.remoteUnlock(duration);
        changed();
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> admit(String memberId, String via) {
        Instant at = clock.instant();
        AccessDecision.Denied refused = policy.admitMember(memberId,
                new StationConditions(occupancy.inside(), lockdown, clockSynced));
        if (refused != null) {
            log.info("Admission {} of member {} refused: {}", via, refused.badgeRef(), refused.reason().code());
            record(StationEvent.of("access.denied", at, "member", memberId, "reason", refused.reason().code(),
                    "detail", refused.detail(), "via", via, "role", "entry"));
            lastDecision = refused;
            lastDecisionAt = at;
            lastLocker = null;
            changed();
            return Future.failedFuture(new org.unionkiosk.station.telemetry.AdmissionRefused(
                    refused.reason().code(), refused.detail()));
        }
        record(StationEvent.of("access.granted", at, "member", memberId, "via", via, "role", "entry"));
        door.grant(Passage.ENTRY);
        indicators.showGranted();
        log.info("Access granted {} to member {}", via, org.unionkiosk.protocol.BadgeRef.of(memberId));
        lastDecision = new AccessDecision.Granted("member", null);
        lastDecisionAt = at;
        lastLocker = null;
        changed();
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> lockdown(boolean on) {
        if (lockdown != on) {
            lockdown = on;
            log.warn("Station lockdown {}", on ? "ON: entry refused" : "lifted");
            record(StationEvent.of(on ? "station.lockdown" : "station.lockdown_lifted", clock.instant()));
        }
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> revoke(String kind, String value, boolean revoked) {
        return trust.revoke(kind, value, revoked);
    }

    @Override
    public Future<Void> suspend(String memberId, boolean suspended) {
        return trust.suspend(memberId, suspended);
    }

    @Override
    public Future<Void> trustBadgeKeys(List<TrustedKey> add, List<TrustedKey> remove) {
        return trust.trustBadgeKeys(add, remove);
    }

    @Override
    public Future<Map<String, String>> configure(Map<String, String> desired) {
        settings.with(desired); // throws IllegalArgumentException before anything is persisted
        changed();
        return store.setRemoteConfig(desired).map(v -> settings.reported());
    }

    @Override
    public Map<String, String> reportedConfig() {
        return settings.reported();
    }

    @Override
    public Future<Void> locker(String action, Map<String, String> args) {
        if (lockers == null) {
            return Future.failedFuture(new IllegalArgumentException("this station has no locker bank"));
        }
        String id = args.get("locker");
        if (id == null) {
            return Future.failedFuture(new IllegalArgumentException("argument locker is required"));
        }
        return switch (action) {
            case "open-locker" -> lockers.open(id);
            case "release-locker" -> lockers.forceRelease(id);
            case "block-locker" -> lockers.block(id, true);
            case "unblock-locker" -> lockers.block(id, false);
            default -> Future.failedFuture(new IllegalArgumentException("unknown locker action " + action));
        };
    }
}
