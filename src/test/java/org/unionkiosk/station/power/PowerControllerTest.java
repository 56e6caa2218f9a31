// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.power;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.unionkiosk.protocol.StationEvent;
import org.unionkiosk.station.MockPi4j;
import org.unionkiosk.station.config.OpeningHours;
import org.unionkiosk.station.config.PinConfig;
import org.unionkiosk.station.config.PowerConfig;

/** A simulated day on the mock platform, the clock stepped by the test. */
class PowerControllerTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private final Context pi4j = MockPi4j.newContext();
    private final SteppedClock clock = new SteppedClock(Instant.parse("2026-03-02T06:00:00+08:00"));
    private final List<StationEvent> events = new ArrayList<>();
    private final PowerConfig cfg = new PowerConfig(List.of(
            new PowerConfig.Output("lights", PowerConfig.Kind.LIGHTS, new PinConfig(16, false),
                    new OpeningHours(LocalTime.of(8, 0), LocalTime.of(20, 0)), Duration.ofMinutes(10)),
            new PowerConfig.Output("aircon", PowerConfig.Kind.AIRCON, new PinConfig(20, true), null,
                    Duration.ofMinutes(5))));
    private final PowerController power = new PowerController(cfg, new Pi4jPowerOutputs(pi4j, cfg), clock,
            events::add);

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
    }

    private DigitalState pin(String id) {
        return MockPi4j.output(pi4j, "power-" + id).state();
    }

    private void at(String time, int inside, boolean fire) {
        clock.set(Instant.parse("2026-03-02T" + time + ":00+08:00"));
        power.update(inside, fire);
    }

    private String last() {
        StationEvent e = events.get(events.size() - 1);
        return e.type() + " " + e.fields().get("output") + " " + e.fields().get("cause");
    }

    @Test
    void followsEntriesScheduleAndFireThroughADay() {
        assertThat(pin("lights")).isEqualTo(DigitalState.LOW);
        assertThat(pin("aircon")).isEqualTo(DigitalState.HIGH); // active-low relay: HIGH is off

        at("06:00", 0, false);
        assertThat(events).isEmpty();

        at("07:00", 1, false);
        assertThat(pin("lights")).isEqualTo(DigitalState.HIGH);
        assertThat(pin("aircon")).isEqualTo(DigitalState.LOW);
        assertThat(events).extracting(StationEvent::type).containsExactly("power.on", "power.on");
        assertThat(last()).isEqualTo("power.on aircon entry");

        at("07:30", 0, false);
        at("07:34", 0, false);
        assertThat(pin("aircon")).isEqualTo(DigitalState.LOW);
        at("07:35", 0, false);
        assertThat(pin("aircon")).isEqualTo(DigitalState.HIGH);
        assertThat(last()).isEqualTo("power.off aircon empty");
        at("07:40", 0, false);
        assertThat(pin("lights")).isEqualTo(DigitalState.LOW);
        assertThat(last()).isEqualTo("power.off lights empty");

        at("08:00", 0, false);
        assertThat(pin("lights")).isEqualTo(DigitalState.HIGH);
        assertThat(last()).isEqualTo("power.on lights schedule");

        at("12:00", 2, true);
        assertThat(pin("lights")).isEqualTo(DigitalState.LOW);
        assertThat(pin("aircon")).isEqualTo(DigitalState.HIGH);
        assertThat(last()).endsWith("fire");
        at("12:10", 2, false);
        assertThat(pin("lights")).isEqualTo(DigitalState.HIGH);
        assertThat(last()).isEqualTo("power.on aircon fire_cleared");

        at("13:00", 0, false);
        at("13:05", 0, false);
        assertThat(pin("aircon")).isEqualTo(DigitalState.HIGH);
        assertThat(pin("lights")).isEqualTo(DigitalState.HIGH);

        at("20:00", 0, false);
        assertThat(pin("lights")).isEqualTo(DigitalState.LOW);
        assertThat(last()).isEqualTo("power.off lights schedule");

        at("22:00", 1, false);
        assertThat(pin("lights")).isEqualTo(DigitalState.HIGH);
        assertThat(last()).isEqualTo("power.on aircon entry");
        assertThat(events).hasSize(12);
    }

    @Test
    void drivesEveryOutputOffOnShutdown() {
        at("07:00", 1, false);
        var lights = MockPi4j.output(pi4j, "power-lights");
        var aircon = MockPi4j.output(pi4j, "power-aircon");
        assertThat(lights.state()).isEqualTo(DigitalState.HIGH);

        pi4j.shutdown();

        assertThat(lights.state()).isEqualTo(DigitalState.LOW);
        assertThat(aircon.state()).isEqualTo(DigitalState.HIGH);
    }

    /** A clock the test moves. */
    static final class SteppedClock extends Clock {
        private Instant now;

        SteppedClock(Instant start) {
            now = start;
        }

        void set(Instant t) {
            now = t;
        }

        @Override
        public ZoneId getZone() {
            return ZONE;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
