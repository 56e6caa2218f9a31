// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.provision;

import com.pi4j.context.Context;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.unionkiosk.station.config.StationConfig;

/**
 * {@code union-kiosk selftest}: every configured output, input, scanner, camera, the broker, the clock and the disk,
 * in the order a technician walks the station, through the station's own hardware classes. Each result is told to
 * the technician as it comes; the report collects them. Runs on the calling thread and blocks; not on an event loop.
 */
public final class SelfTest {
    private final StationConfig cfg;
    private final Context pi4j;
    private final Vertx vertx;
    private final Technician technician;
    private final InputStimulus stimulus;
    private final Duration timeout;
    private final Clock clock;

    /**
     * @param timeout how long each step waits for a person (or the mock platform) to act
     * @param vertx   only for the LED and buzzer timers of the station's indicator class
     */
    public SelfTest(StationConfig cfg, Context pi4j, Vertx vertx, Technician technician, InputStimulus stimulus,
                    Duration timeout, Clock clock) {
        this.cfg = cfg;
        this.pi4j = pi4j;
        this.vertx = vertx;
        this.technician = technician;
        this.stimulus = stimulus;
        this.timeout = timeout;
        this.clock = clock;
    }

    public SelfTestReport run() {
        List<CheckResult> results = new ArrayList<>();
        Consumer<CheckResult> told = r -> {
            technician.tell(String.format("   %-4s %s: %s", r.outcome().toString().toUpperCase(), r.what(),
                    r.detail()));
            results.add(r);
        };
        DoorChecks door = new DoorChecks(cfg.door(), pi4j, vertx, technician, stimulus, timeout);
        section("Door outputs");
        door.outputs(told);
        section("Door inputs");
        door.inputs(told);
        if (cfg.lockers() != null) {
            section("Lockers");
            new LockerChecks(cfg.lockers(), pi4j, technician, stimulus, timeout).run(told);
        }
        section("Scanners");
        new ScannerChecks(cfg.scanners(), technician, stimulus, timeout, clock).run(told);
        section("Broker, clock, disk");
        CheckResult broker = cfg.mqtt() == null
                ? CheckResult.skip("mqtt", "broker", "no mqtt section: the station runs stand-alone")
                : new BrokerCheck(cfg.mqtt(), cfg.stationRef(), timeout).run();
        told.accept(broker);
        told.accept(SystemChecks.clock(cfg.access().clockSyncFile()));
        told.accept(SystemChecks.disk(cfg.dataDir()));
        SelfTestReport report = new SelfTestReport(cfg.stationRef(), clock.instant(), results);
        if (broker.outcome() == CheckResult.Outcome.PASS) {
            toCentral(report);
        }
        return report;
    }

    /** Only after the broker check passed: a broker that just failed would only delay the verdict. */
    private void toCentral(SelfTestReport report) {
        String why = ReportPublisher.publish(cfg.mqtt(), cfg.stationRef(), report, timeout);
        technician.tell(why == null ? "== Report sent to central on " + ReportPublisher.topic(cfg.stationRef())
                : "== Report not sent to central (" + why + "); it is kept in the data folder");
    }

    private void section(String name) {
        technician.tell("== " + name);
    }
}
