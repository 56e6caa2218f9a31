// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.door;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import io.vertx.core.Vertx;
import org.unionkiosk.station.config.DoorConfig;
import org.unionkiosk.station.config.PinConfig;

/**
 * LEDs and buzzer on Pi4J outputs, off at boot and shutdown. Timed with Vert.x timers rather than
 * {@code DigitalOutput.pulse}, which sleeps on the calling thread.
 */
public final class Pi4jIndicators implements Indicators {
    static final long LED_MS = 1500;
    static final long BEEP_MS = 120;

    private final Vertx vertx;
    private final Line green;
    private final Line red;
    private final Line buzzer;
    private long greenTimer = -1;
    private long redTimer = -1;

    private record Line(DigitalOutput out, boolean activeLow) {
        void set(boolean on) {
            out.state(on != activeLow ? DigitalState.HIGH : DigitalState.LOW);
        }
    }

    public Pi4jIndicators(Context pi4j, Vertx vertx, DoorConfig cfg) {
        this.vertx = vertx;
        this.green = line(pi4j, "led-green", cfg.greenLed());
        this.red = line(pi4j, "led-red", cfg.redLed());
        this.buzzer = cfg.buzzer() == null ? null : line(pi4j, "buzzer", cfg.buzzer());
    }

    private static Line line(Context pi4j, String id, PinConfig pin) {
        DigitalState off = pin.activeLow() ? DigitalState.HIGH : DigitalState.LOW;
        try {
            return new Line(pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id(id).address(pin.bcm())
                    .initial(off).shutdown(off).build()), pin.activeLow());
        } catch (RuntimeException e) {
            throw new DoorHardwareException(id + " output on BCM " + pin.bcm() + " failed", e);
        }
    }

    @Override
    public void showGranted() {
        red.set(false);
        vertx.cancelTimer(redTimer);
        green.set(true);
        vertx.cancelTimer(greenTimer);
        greenTimer = vertx.setTimer(LED_MS, t -> green.set(false));
        beep(1);
    }

    @Override
    public void showDenied() {
        green.set(false);
        vertx.cancelTimer(greenTimer);
        red.set(true);
        vertx.cancelTimer(redTimer);
        redTimer = vertx.setTimer(LED_MS, t -> red.set(false));
        beep(3);
    }

    /** {@code count} short beeps with equal gaps. */
    private void beep(int count) {
        if (buzzer == null) {
            return;
        }
        for (int i = 0; i < count; i++) {
            long start = i * 2 * BEEP_MS;
            if (start == 0) {
                buzzer.set(true);
            } else {
                vertx.setTimer(start, t -> buzzer.set(true));
            }
            vertx.setTimer(start + BEEP_MS, t -> buzzer.set(false));
        }
    }
}
