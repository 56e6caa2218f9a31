// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station;

import com.pi4j.context.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.unionkiosk.protocol.TrustedKey;
import org.unionkiosk.protocol.TrustedKeys;
import org.unionkiosk.station.access.AccessPolicy;
import org.unionkiosk.station.config.StationConfig;
import org.unionkiosk.station.door.DoorLock;
import org.unionkiosk.station.door.Pi4jDoorLock;
import org.unionkiosk.station.door.Pi4jDoorSensors;
import org.unionkiosk.station.door.Pi4jIndicators;
import org.unionkiosk.station.occupancy.OccupancyCounter;
import org.unionkiosk.station.scanner.BadgeScanner;
import java.util.HashMap;
import java.util.Map;
import org.unionkiosk.station.config.LockerConfig;
import org.unionkiosk.station.locker.LockerBank;
import org.unionkiosk.station.locker.LockerBanks;
import org.unionkiosk.station.scanner.CameraScanner;
import org.unionkiosk.station.scanner.EvdevScanner;
import org.unionkiosk.station.scanner.SerialScanner;
import org.unionkiosk.station.store.DataFolderLock;
import org.unionkiosk.station.store.SqliteStationStore;
import org.unionkiosk.station.config.Platform;
import org.unionkiosk.station.phone.DoorQr;
import org.unionkiosk.station.power.Pi4jPowerOutputs;
import org.unionkiosk.station.phone.PhoneScreen;
import org.unionkiosk.station.screen.ScreenExtension;
import org.unionkiosk.station.sim.SimControls;
import org.unionkiosk.station.sim.SimulatedHardware;

/** Composition root of the station process: the only place that wires collaborators together. */
public final class StationMain {
    private final Vertx vertx;
    private final Context pi4j;
    private SqliteStationStore store;
    private DataFolderLock folderLock;
    private StationVerticle verticle;
    private volatile DoorLock lock;
    private StationWatchdog watchdog;
    private String deploymentId;
    private SimulatedHardware simulated;
    private PhoneScreen phoneScreen;

    public StationMain(Vertx vertx, Context pi4j) {
        this.vertx = vertx;
        this.pi4j = pi4j;
    }

    /** Opens the database, builds the hardware and deploys the station; completes once scans are accepted. */
    public Future<StationVerticle> start(StationConfig cfg, Clock clock) {
        // The folder lock comes first: a second station on the same folder must not touch its database.
        return vertx.executeBlocking(() -> DataFolderLock.acquire(cfg.dataDir())).compose(l -> {
            folderLock = l;
            return SqliteStationStore.open(vertx, cfg.dataDir().resolve("station.db"), cfg.mqtt() != null);
        }).compose(s -> {
            store = s;
            return Future.all(List.of(s.trustedKeys("badge"), s.revocations(), s.counter(StationVerticle.INSIDE, 0),
                    s.trustedKeys("command"), s.remoteConfig(), s.seenIds(StationVerticle.PHONE_CODE,
                            clock.instant())));
        }).compose(loaded -> {
            List<TrustedKey> keys = new ArrayList<>(cfg.access().trustedKeys());
            keys.addAll(loaded.resultAt(0));
            AccessPolicy policy = new AccessPolicy(cfg.access(), cfg.site(), cfg.stationId(), new TrustedKeys(keys),
                    clock);
            policy.revocations(loaded.resultAt(1));
            policy.rememberUsedPhoneCodes(loaded.resultAt(5));
            long inside = loaded.resultAt(2);
            List<TrustedKey> commandKeys = new ArrayList<>(cfg.mqtt() == null ? List.of() : cfg.mqtt().commandKeys());
            commandKeys.addAll(loaded.resultAt(3));
            List<BadgeScanner> scanners = new ArrayList<>();
            for (var sc : cfg.scanners()) {
                scanners.add(switch (sc.type()) {
                    case SERIAL -> new SerialScanner(sc, clock);
                    case HID -> new EvdevScanner(sc, clock);
                    case CAMERA -> new CameraScanner(sc, clock);
                });
            }
            // Pi4J set-up writes to GPIO lines and I2C chips: blocking I/O, so it runs on a worker thread.
            return vertx.executeBlocking(() -> new StationVerticle(cfg, clock, store, lockerBanks(cfg),
                    lock = new Pi4jDoorLock(pi4j, cfg.door()), new Pi4jDoorSensors(pi4j, cfg.door()),
                    new Pi4jIndicators(pi4j, vertx, cfg.door()), policy, new OccupancyCounter((int) inside), scanners,
                    new StationVerticle.Trust(keys, new TrustedKeys(commandKeys)), loaded.<Map<String, String>>resultAt(4),
                    screenExtension(cfg, clock),
                    cfg.power() == null ? null : new Pi4jPowerOutputs(pi4j, cfg.power())))
                    .compose(v -> {
                        verticle = v;
                        if (phoneScreen != null) {
                            phoneScreen.start();
                        }
                        return vertx.deployVerticle(v).map(id -> {
                            deploymentId = id;
                            return v;
                        });
                    });
        });
    }

    /**
     * On the mock platform only, the simulated hardware's controls and panel join the screen (loopback requests
     * only); on a Pi there is nothing to simulate and the screen serves exactly what it always does.
     */
    private ScreenExtension screenExtension(StationConfig cfg, Clock clock) {
        ScreenExtension ext = ScreenExtension.NONE;
        if (cfg.phone() != null) {
            phoneScreen = new PhoneScreen(vertx, new DoorQr(cfg.phone(), cfg.site(), cfg.stationId(), clock),
                    cfg.phone());
            ext = phoneScreen;
        }
        simulated = simulationFor(pi4j, cfg);
        return simulated == null ? ext : ScreenExtension.both(ext, new SimControls(vertx, simulated));
    }

    /** The simulated hardware when the configured platform is mock; null on any real platform. */
    static SimulatedHardware simulationFor(Context pi4j, StationConfig cfg) {
        return cfg.platform() == Platform.MOCK ? new SimulatedHardware(pi4j, cfg) : null;
    }

    /** The simulated hardware of a mock-platform station (null on a real platform or before start). */
    public SimulatedHardware simulatedHardware() {
        return simulated;
    }

    /** Each locker id to its bank. */
    private Map<String, LockerBank> lockerBanks(StationConfig cfg) {
        Map<String, LockerBank> byLocker = new HashMap<>();
        if (cfg.lockers() == null) {
            return byLocker;
        }
        Map<String, LockerBank> banks = LockerBanks.open(pi4j, cfg.lockers());
        for (LockerConfig.Bank b : cfg.lockers().banks()) {
            b.lockers().forEach(l -> byLocker.put(l.id(), banks.get(b.id())));
        }
        return byLocker;
    }

    /**
     * Starts the watchdog thread once the station runs (see {@link StationWatchdog}): every {@code period} a round
     * trip through the station context and store, then {@code ping}; {@code exit} ends the process when the context
     * is stuck for {@code stuckLimit}, or at once when a fire or exit signal goes unhandled.
     */
    public void startWatchdog(Duration period, Duration stuckLimit, Runnable ping, IntConsumer exit) {
        watchdog = new StationWatchdog(StationWatchdog.roundTrip(verticle.context(), store), verticle.lifeSafety, lock,
                ping, exit, period, stuckLimit);
        watchdog.start();
    }

    /** Undeploys, drives every output to its shutdown (safe) state and closes the database. */
    public Future<Void> stop() {
        if (watchdog != null) {
            watchdog.close();
        }
        if (phoneScreen != null) {
            phoneScreen.stop();
        }
        // Only this station's verticle: other stations (the demo) may share the Vert.x instance.
        Future<Void> undeployed = deploymentId == null || !vertx.deploymentIDs().contains(deploymentId)
                ? Future.succeededFuture() : vertx.undeploy(deploymentId);
        return undeployed.eventually(() -> vertx.executeBlocking(() -> {
            pi4j.shutdown(); // drives every output to its shutdown state: GPIO I/O, off the event loop
            return null;
        })).eventually(() -> store == null ? Future.succeededFuture() : store.close())
                .eventually(() -> folderLock == null ? Future.succeededFuture() : vertx.executeBlocking(() -> {
                    folderLock.close();
                    return null;
                }));
    }
}
