// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.protocol.Badges;
import org.unionkiosk.station.config.ConfigLoader;

/**
 * The watchdog against the real station on Pi4J's mock platform: a context that stops answering stops the pings
 * and ends the process, and a fire or exit signal that the stuck context cannot handle releases the lock.
 */
@Timeout(value = 30, unit = SECONDS)
class StationWatchdogIT {
    @TempDir
    Path dir;
    private Vertx vertx;
    private Context pi4j;
    private StationMain main;
    private StationVerticle station;
    private final CountDownLatch unblock = new CountDownLatch(1);
    private final AtomicInteger pings = new AtomicInteger();
    private final AtomicInteger exitStatus = new AtomicInteger(-1);

    private void start(Duration stuckLimit) throws Exception {
        Path cfg = StationConfigs.write(dir, Badges.newKey(), 0, StationConfigs.ACCESS);
        StationProcess.mkfifo(dir.resolve("scan.fifo"));
        vertx = Vertx.vertx();
        pi4j = MockPi4j.newContext();
        main = new StationMain(vertx, pi4j);
        station = main.start(ConfigLoader.load(cfg), Clock.systemDefaultZone()).await(10, SECONDS);
        MockPi4j.set(pi4j, "exit-button", true); // active low: not pressed
        main.startWatchdog(Duration.ofMillis(200), stuckLimit, pings::incrementAndGet, exitStatus::set);
    }

    /** What a stuck event loop looks like to everything else on it. */
    private void blockStationContext() {
        station.context().runOnContext(v -> {
            try {
                unblock.await(20, SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private DigitalState relay() {
        return MockPi4j.output(pi4j, "door-lock").state();
    }

    @AfterEach
    void tearDown() throws Exception {
        unblock.countDown();
        if (main != null) {
            main.stop().await(5, SECONDS);
            vertx.close().await(5, SECONDS);
        }
    }

    @Test
    void pingsOnlyAfterRoundTripsAndExitsWhenTheContextIsStuck() throws Exception {
        start(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(3)).until(() -> pings.get() >= 3);

        blockStationContext();
        Thread.sleep(300); // a round trip already under way may still complete
        int before = pings.get();

        await().atMost(Duration.ofSeconds(5)).until(() -> exitStatus.get() == 1);
        assertThat(pings.get()).isEqualTo(before);
    }

    @Test
    void exitButtonUnderAStuckContextReleasesTheLockAndExits() throws Exception {
        start(Duration.ofSeconds(60));
        assertThat(relay()).isEqualTo(DigitalState.LOW); // fail-secure strike: LOW = locked

        blockStationContext();
        MockPi4j.set(pi4j, "exit-button", false);

        await().atMost(Duration.ofSeconds(4)).until(() -> relay() == DigitalState.HIGH);
        await().atMost(Duration.ofSeconds(1)).until(() -> exitStatus.get() == 1);
    }

    @Test
    void fireAlarmUnderAStuckContextReleasesTheLockAndExits() throws Exception {
        start(Duration.ofSeconds(60));

        blockStationContext();
        MockPi4j.set(pi4j, "fire-alarm", true);

        await().atMost(Duration.ofSeconds(4)).until(() -> relay() == DigitalState.HIGH);
        await().atMost(Duration.ofSeconds(1)).until(() -> exitStatus.get() == 1);
    }

    @Test
    void aHealthyContextHandlesTheExitButtonItselfAndNothingExits() throws Exception {
        start(Duration.ofSeconds(60));

        MockPi4j.set(pi4j, "exit-button", false);

        await().atMost(Duration.ofSeconds(2)).until(() -> relay() == DigitalState.HIGH);
        Thread.sleep(StationWatchdog.LIFE_SAFETY_LIMIT.toMillis() + 500);
        assertThat(exitStatus.get()).isEqualTo(-1);
        assertThat(pings.get()).isPositive();
    }
}
