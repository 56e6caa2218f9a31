// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.demo;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.station.sim.SimulatedHardware;

/**
 * Members coming to one station, by {@link DailyProfile} in demo time: arrivals are a Poisson process at the hour's
 * rate. A visit is what a person does at the real door: scan, pull the door open once the strike releases, close
 * it, perhaps use a locker, stay, press the exit button and leave. Now and then: a door held open, a door forced,
 * a locker left open, someone who never presses the exit button (the daily reset counts them out). Door actions of
 * one station queue behind each other, as people do at one door; stays and lockers overlap. Runs on the demo's
 * context; people's motions take real seconds, stays take demo minutes.
 */
final class Visits {
    private static final Logger log = LoggerFactory.getLogger(Visits.class);
    private static final double HELD_OPEN = 0.03;
    private static final double FORCED = 0.01;
    private static final double FORGETS_TO_LEAVE = 0.03;
    private static final double USES_LOCKER = 0.4;
    private static final double LEAVES_LOCKER_OPEN = 0.08;

    private final Vertx vertx;
    private final AcceleratedClock clock;
    private final DemoStation station;
    private final Population people;
    private final SplittableRandom random;
    private Future<Void> door = Future.succeededFuture();
    private boolean running;
    private long timer = -1;

    Visits(Vertx vertx, AcceleratedClock clock, DemoStation station, Population people, long seed) {
        this.vertx = vertx;
        this.clock = clock;
        this.station = station;
        this.people = people;
        this.random = new SplittableRandom(seed);
    }

    void start() {
        running = true;
        scheduleNext();
    }

    void stop() {
        running = false;
        vertx.cancelTimer(timer);
    }

    private void scheduleNext() {
        if (!running) {
            return;
        }
        // A quiet hour still has a trickle. A gap longer than an hour is re-drawn an hour later at that hour's
        // rate, which the memoryless exponential gap allows.
        double perHour = Math.max(0.05, DailyProfile.total(ZonedDateTime.now(clock).getHour()));
        double hours = -Math.log(1 - random.nextDouble()) / perHour;
        boolean arrives = hours <= 1.0;
        timer = vertx.setTimer(clock.realMillis(Duration.ofSeconds((long) (Math.min(hours, 1.0) * 3600))), t -> {
            if (arrives) {
                arrive(DailyProfile.pick(ZonedDateTime.now(clock).getHour(), random));
            }
            scheduleNext();
        });
    }

    private void arrive(DailyProfile category) {
        if (random.nextDouble() < FORCED) {
            atDoor(this::forcedEntry);
            return;
        }
        Member m = people.pick(category, random);
        atDoor(() -> enter(m)).onSuccess(inside -> {
            if (inside) {
                stay(m);
            }
        });
    }

    /** Queues a door action behind the others at this door; the result is the action's. */
    private <T> Future<T> atDoor(Supplier<Future<T>> action) {
        Promise<T> result = Promise.promise();
        door = door.transform(ar -> {
            Future<T> f = running ? action.get() : Future.failedFuture("stopped");
            f.onComplete(result);
            return f.transform(x -> Future.succeededFuture());
        });
        return result.future();
    }

    /** Scan, wait for the strike, pull the door; true if the member got in. */
    private Future<Boolean> enter(Member m) {
        return station.scan(m.badge()).compose(v -> after(900)).compose(v -> {
            if (!released()) {
                return Future.succeededFuture(false); // refused: the screen says why; they leave
            }
            boolean held = random.nextDouble() < HELD_OPEN;
            return passThrough(held ? 16_000 : 1_500).map(true);
        });
    }

    private Future<Void> forcedEntry() {
        log.debug("Station {}: door forced", station.ref());
        return passThrough(2_000);
    }

    private Future<Void> passThrough(long openMs) {
        hw().set("door", true);
        return after(openMs).map(v -> {
            hw().set("door", false);
            return null;
        }).compose(v -> after(400));
    }

    private void stay(Member m) {
        boolean locker = random.nextDouble() < USES_LOCKER;
        Future<String> usingLocker = locker ? takeLocker(m) : Future.succeededFuture();
        Duration stay = m.category().stay(random);
        usingLocker.onComplete(ar -> vertx.setTimer(clock.realMillis(stay), t -> {
            if (!running) {
                return;
            }
            Future<Void> lockerDone = ar.succeeded() && ar.result() != null ? returnLocker(m, ar.result())
                    : Future.succeededFuture();
            lockerDone.onComplete(x -> {
                if (random.nextDouble() >= FORGETS_TO_LEAVE) {
                    atDoor(this::leave);
                }
            });
        }));
    }

    /** Scans at the locker terminal; the sprung door pops open; closes it (or now and then leaves it open). */
    private Future<String> takeLocker(Member m) {
        List<String> before = openLockers();
        return after(1_000).compose(v -> station.lockerScan(m.badge())).compose(v -> after(1_500)).compose(v -> {
            List<String> opened = openLockers();
            opened.removeAll(before);
            if (opened.isEmpty()) {
                return Future.succeededFuture(null); // refused or none free
            }
            String locker = opened.get(0);
            long closeAfter = random.nextDouble() < LEAVES_LOCKER_OPEN ? 30_000 : 2_000;
            return after(closeAfter).map(x -> {
                hw().set(locker, false);
                return locker;
            });
        });
    }

    /** Opens it again, takes the things, scans a second time to give it back and closes the door. */
    private Future<Void> returnLocker(Member m, String locker) {
        return station.lockerScan(m.badge()).compose(v -> after(1_500))
                .compose(v -> station.lockerScan(m.badge())).compose(v -> after(1_000)).map(v -> {
                    hw().set(locker, false);
                    return null;
                });
    }

    private Future<Void> leave() {
        hw().set("exit", true);
        return after(200).compose(v -> {
            hw().set("exit", false);
            return after(600);
        }).compose(v -> passThrough(1_500));
    }

    private boolean released() {
        return hw().state().getJsonObject("outputs").getBoolean("lock"); // fail-secure strike: energised = open
    }

    private List<String> openLockers() {
        var inputs = hw().state().getJsonObject("inputs");
        return new java.util.ArrayList<>(inputs.fieldNames().stream()
                .filter(n -> n.startsWith("locker:") && inputs.getBoolean(n)).toList());
    }

    private SimulatedHardware hw() {
        return station.hardware();
    }

    private Future<Void> after(long ms) {
        Promise<Void> p = Promise.promise();
        vertx.setTimer(ms, t -> {
            if (running) {
                p.complete();
            } else {
                p.fail("the demo is stopping"); // the station's hardware may be gone
            }
        });
        return p.future();
    }
}
