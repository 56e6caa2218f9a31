// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.door;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.unionkiosk.protocol.StationEvent;
import org.unionkiosk.station.MockPi4j;
import org.unionkiosk.station.config.DoorConfig;
import org.unionkiosk.station.config.LockType;
import org.unionkiosk.station.config.PinConfig;

/** The door state machine driving the real Pi4J lock and sensors on the mock platform. */
@Timeout(value = 5, unit = SECONDS)
class DoorControllerTest {
    private static final DoorConfig CFG = new DoorConfig(new PinConfig(17, false), LockType.FAIL_SECURE,
            new PinConfig(27, false), 0, new PinConfig(22, true), new PinConfig(23, false),
            new PinConfig(24, false), new PinConfig(5, false), new PinConfig(6, false), null,
            Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofMillis(400));

    private Vertx vertx;
    private Context pi4j;
    private DoorController door;
    private io.vertx.core.Context ctx;
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<Passage> passages = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        vertx = Vertx.vertx();
        pi4j = MockPi4j.newContext();
        Pi4jDoorLock lock = new Pi4jDoorLock(pi4j, CFG);
        Pi4jDoorSensors sensors = new Pi4jDoorSensors(pi4j, CFG);
        MockPi4j.set(pi4j, "exit-button", true); // idle (active low)
        ctx = vertx.getOrCreateContext();
        onContext(() -> {
            door = new DoorController(vertx, lock, CFG, Clock.systemUTC(),
                    (StationEvent e) -> events.add(e.type()), passages::add);
            sensors.onSignal(s -> ctx.runOnContext(v -> door.on(s)));
            door.start(false, false, false);
        });
    }

    @AfterEach
    void tearDown() {
        pi4j.shutdown();
        vertx.close();
    }

    private void onContext(Runnable r) throws Exception {
        var done = new java.util.concurrent.CompletableFuture<Void>();
        ctx.runOnContext(v -> {
            try {
                r.run();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        done.get(2, SECONDS);
    }

    private DigitalState relay() {
        return MockPi4j.output(pi4j, "door-lock").state();
    }

    private void contact(boolean open) {
        MockPi4j.set(pi4j, "door-contact", open);
    }

    @Test
    void releasesForConfiguredDurationThenLocks() throws Exception {
        onContext(() -> door.grant(Passage.ENTRY));

        assertThat(relay()).isEqualTo(DigitalState.HIGH);
        await().atMost(Duration.ofSeconds(2)).until(() -> relay() == DigitalState.LOW);
        assertThat(events).containsSubsequence("door.locked", "door.unlocked", "door.locked");
        assertThat(passages).isEmpty();
    }

    @Test
    void countsAnEntryWhenTheDoorOpensAfterAGrantAndRelocksOnClose() throws Exception {
        onContext(() -> door.grant(Passage.ENTRY));

        contact(true);
        await().until(() -> events.contains("door.opened"));
        contact(false);

        await().until(() -> relay() == DigitalState.LOW);
        assertThat(passages).containsExactly(Passage.ENTRY);
        assertThat(events).containsSubsequence("door.unlocked", "door.opened", "door.closed", "door.locked");
        assertThat(events).doesNotContain("alarm.forced_open");
    }

    @Test
    void exitButtonReleasesAndCountsAnExit() {
        MockPi4j.set(pi4j, "exit-button", false);
        MockPi4j.set(pi4j, "exit-button", true);
        await().until(() -> relay() == DigitalState.HIGH);

        contact(true);
        await().until(() -> passages.contains(Passage.EXIT));
        contact(false);

        await().until(() -> relay() == DigitalState.LOW);
        assertThat(events).containsSubsequence("door.exit_requested", "door.unlocked", "door.opened");
    }

    @Nested
    class Alarms {
        @Test
        void forcedOpenWhenOpenedWhileLocked() {
            contact(true);

            await().until(() -> events.contains("alarm.forced_open"));
            assertThat(relay()).isEqualTo(DigitalState.LOW);
            assertThat(passages).isEmpty();
            contact(false);
            await().until(() -> events.contains("alarm.cleared"));
        }

        @Test
        void heldOpenAfterTheConfiguredTime() throws Exception {
            onContext(() -> door.grant(Passage.ENTRY));
            contact(true);

            await().atMost(Duration.ofSeconds(2)).until(() -> events.contains("alarm.held_open"));
            assertThat(door.alarms()).contains(DoorAlarm.HELD_OPEN);
        }

        @Test
        void tamperRaisesAndClears() {
            MockPi4j.set(pi4j, "tamper", true);
            await().until(() -> events.contains("alarm.tamper"));

            MockPi4j.set(pi4j, "tamper", false);
            await().until(() -> events.contains("alarm.cleared"));
        }

        @Test
        void fireAlarmKeepsTheDoorReleasedWhateverElseHappens() throws Exception {
            MockPi4j.set(pi4j, "fire-alarm", true);
            await().until(() -> relay() == DigitalState.HIGH);

            contact(true);
            contact(false);
            Thread.sleep(600); // longer than unlock and held-open times

            assertThat(relay()).isEqualTo(DigitalState.HIGH);
            assertThat(events).contains("alarm.fire").doesNotContain("alarm.forced_open");

            MockPi4j.set(pi4j, "fire-alarm", false);
            await().until(() -> relay() == DigitalState.LOW);
        }
    }
}
