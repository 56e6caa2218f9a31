// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.power;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.protocol.StationEvent;
import org.unionkiosk.station.config.PowerConfig;

/**
 * Decides each power output from the time, the people inside and the fire input: always off while the fire input
 * is active; on within its hours; outside them on with the first entry and off {@code offAfter} after the station
 * is empty. Each switch is an event {@code power.on} / {@code power.off} with its cause ({@code schedule}
 * (its hours began or ended), {@code entry}, {@code empty}, {@code fire}, {@code fire_cleared}). Owned by the station context; call
 * {@link #update} whenever occupancy or the fire input change and periodically (the station does every 10 s).
 */
public final class PowerController {
    private static final Logger log = LoggerFactory.getLogger(PowerController.class);
    private final PowerConfig cfg;
    private final PowerOutputs outputs;
    private final Clock clock;
    private final Consumer<StationEvent> events;
    private final Map<String, Boolean> on = new HashMap<>();
    private Instant emptySince;
    private int lastInside;
    private boolean fire;
    private Instant lastUpdate;

    public PowerController(PowerConfig cfg, PowerOutputs outputs, Clock clock, Consumer<StationEvent> events) {
        this.cfg = cfg;
        this.outputs = outputs;
        this.clock = clock;
        this.events = events;
        cfg.outputs().forEach(o -> on.put(o.id(), false));
    }

    public void update(int inside, boolean fireActive) {
        Instant now = clock.instant();
        boolean fireCleared = fire && !fireActive;
        fire = fireActive;
        if (inside == 0 && lastInside > 0) {
            emptySince = now; // emptied just now; null means nobody came since start
        }
        lastInside = inside;
        LocalTime time = LocalTime.ofInstant(now, clock.getZone());
        if (lastUpdate == null) {
            lastUpdate = now;
        }
        for (PowerConfig.Output o : cfg.outputs()) {
            boolean scheduled = o.hours() != null && o.hours().isOpen(time);
            boolean occupied = inside > 0 || emptySince != null && now.isBefore(emptySince.plus(o.offAfter()));
            boolean wanted = !fireActive && (scheduled || occupied);
            boolean was = on.get(o.id());
            if (wanted == was) {
                continue;
            }
            String cause;
            if (fireActive) {
                cause = "fire";
            } else if (wanted) {
                cause = fireCleared ? "fire_cleared" : scheduled ? "schedule" : "entry";
            } else {
                cause = o.hours() != null && o.hours().isOpen(LocalTime.ofInstant(lastUpdate, clock.getZone()))
                        ? "schedule" : "empty";
            }
            outputs.set(o.id(), wanted);
            on.put(o.id(), wanted);
            log.info("Power {} ({}) {}: {}", o.id(), o.kind(), wanted ? "on" : "off", cause);
            events.accept(StationEvent.of(wanted ? "power.on" : "power.off", now, "output", o.id(),
                    "kind", o.kind().toString(), "cause", cause, "inside", inside));
        }
        lastUpdate = now;
    }

    /** Output id to on/off, for /status. */
    public Map<String, Boolean> states() {
        return Map.copyOf(on);
    }
}
