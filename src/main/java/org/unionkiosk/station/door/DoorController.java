// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.door;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.protocol.StationEvent;
import org.unionkiosk.station.config.DoorConfig;

/**
 * The door state machine. Every method runs on the owning Vert.x context: sensor edges must be posted there.
 * Releases the lock for a grant or an exit request, relocks when the door closes or the release times out,
 * raises {@code forced_open}, {@code held_open}, {@code tamper} and {@code fire}. While the fire alarm is active
 * the lock stays released whatever else happens (life safety).
 */
public final class DoorController {
    private static final Logger log = LoggerFactory.getLogger(DoorController.class);

    private final Vertx vertx;
    private final DoorLock lock;
    private final DoorConfig cfg;
    private final Clock clock;
    private final Consumer<StationEvent> events;
    private final Consumer<Passage> passages;
    private final Set<DoorAlarm> alarms = EnumSet.noneOf(DoorAlarm.class);

    private boolean doorOpen;
    private Passage pending;
    private long relockTimer = -1;
    private long heldOpenTimer = -1;

    /**
     * @param events   receives every transition and alarm
     * @param passages receives ENTRY or EXIT when the door opens after a release of that kind
     */
    public DoorController(Vertx vertx, DoorLock lock, DoorConfig cfg, Clock clock, Consumer<StationEvent> events,
                          Consumer<Passage> passages) {
        this.vertx = vertx;
        this.lock = lock;
        this.cfg = cfg;
        this.clock = clock;
        this.events = events;
        this.passages = passages;
    }

    /** Relocks and takes the inputs' current levels; a fire alarm already active releases at once. */
    public void start(boolean initiallyOpen, boolean tamper, boolean fire) {
        lock.lock();
        doorOpen = initiallyOpen;
        emit("door.locked", "cause", "startup");
        if (tamper) {
            raise(DoorAlarm.TAMPER);
        }
        if (fire) {
            on(DoorSignal.FIRE_ON);
        }
        if (doorOpen) {
            armHeldOpen();
        }
    }

    public void grant(Passage passage) {
        release(passage, passage == Passage.EXIT ? cfg.exitUnlock() : cfg.unlock(), "grant");
    }

    public void remoteUnlock(Duration d) {
        release(Passage.UNCOUNTED, d, "remote");
    }

    public void on(DoorSignal signal) {
        switch (signal) {
            case DOOR_OPENED -> opened();
            case DOOR_CLOSED -> closed();
            case EXIT_PRESSED -> {
                emit("door.exit_requested");
                release(Passage.EXIT, cfg.exitUnlock(), "exit_button");
            }
            case TAMPER_ON -> raise(DoorAlarm.TAMPER);
            case TAMPER_OFF -> clear(DoorAlarm.TAMPER);
            case FIRE_ON -> {
                raise(DoorAlarm.FIRE);
                vertx.cancelTimer(relockTimer);
                if (lock.isLocked()) {
                    lock.release();
                    emit("door.unlocked", "cause", "fire_alarm");
                }
            }
            case FIRE_OFF -> {
                clear(DoorAlarm.FIRE);
                if (!doorOpen) {
                    relock("fire_cleared");
                }
            }
        }
    }

    private void release(Passage passage, Duration d, String cause) {
        pending = passage;
        vertx.cancelTimer(relockTimer);
        if (lock.isLocked()) {
            lock.release();
            emit("door.unlocked", "cause", cause, "ms", d.toMillis());
        }
        relockTimer = vertx.setTimer(d.toMillis(), t -> {
            relockTimer = -1;
            pending = null;
            if (!doorOpen) {
                relock("timeout");
            }
        });
    }

    private void opened() {
        if (doorOpen) {
            return;
        }
        doorOpen = true;
        emit("door.opened");
        if (!lock.isLocked()) {
            if (pending != null && pending != Passage.UNCOUNTED) {
                passages.accept(pending);
            }
            pending = null;
        } else {
            raise(DoorAlarm.FORCED_OPEN);
        }
        armHeldOpen();
    }

    private void closed() {
        if (!doorOpen) {
            return;
        }
        doorOpen = false;
        vertx.cancelTimer(heldOpenTimer);
        emit("door.closed");
        clear(DoorAlarm.HELD_OPEN);
        clear(DoorAlarm.FORCED_OPEN);
        if (!lock.isLocked()) {
            vertx.cancelTimer(relockTimer);
            pending = null;
            relock("closed");
        }
    }

    private void armHeldOpen() {
        vertx.cancelTimer(heldOpenTimer);
        heldOpenTimer = vertx.setTimer(cfg.heldOpen().toMillis(), t -> {
            if (doorOpen) {
                raise(DoorAlarm.HELD_OPEN);
            }
        });
    }

    private void relock(String cause) {
        if (alarms.contains(DoorAlarm.FIRE) || lock.isLocked()) {
            return;
        }
        lock.lock();
        emit("door.locked", "cause", cause);
    }

    private void raise(DoorAlarm alarm) {
        if (alarms.add(alarm)) {
            log.warn("Door alarm {} raised", alarm.code());
            emit("alarm." + alarm.code());
        }
    }

    private void clear(DoorAlarm alarm) {
        if (alarms.remove(alarm)) {
            log.info("Door alarm {} cleared", alarm.code());
            emit("alarm.cleared", "alarm", alarm.code());
        }
    }

    private void emit(String type, Object... fields) {
        events.accept(StationEvent.of(type, clock.instant(), fields));
    }

    public DoorState state() {
        return doorOpen ? DoorState.OPEN : lock.isLocked() ? DoorState.LOCKED : DoorState.UNLOCKED;
    }

    public Set<DoorAlarm> alarms() {
        return alarms.isEmpty() ? Set.of() : EnumSet.copyOf(alarms);
    }

    public boolean lockEnergised() {
        return lock.isEnergised();
    }
}
