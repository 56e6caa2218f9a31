// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.scanner;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.file.Files;
import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.station.config.ScannerConfig;

/**
 * A USB-HID keyboard-mode scanner read through Linux evdev ({@code /dev/input/by-id/…-event-kbd}). The device is
 * grabbed exclusively (EVIOCGRAB) so its keystrokes never reach a console or the screen's browser. Reads on its
 * own thread through libc (JNA, already on the classpath for Pi4J); reopens the device after an unplug.
 */
public final class EvdevScanner implements BadgeScanner {
    private static final Logger log = LoggerFactory.getLogger(EvdevScanner.class);
    /** _IOW('E', 0x90, int) */
    private static final long EVIOCGRAB = 0x40044590L;
    private static final int O_RDONLY = 0;

    /** The few libc calls evdev needs. */
    interface LibC extends Library {
        int open(String path, int flags);

        int ioctl(int fd, NativeLong request, int arg);

        NativeLong read(int fd, byte[] buf, NativeLong count);

        int close(int fd);
    }

    private final ScannerConfig cfg;
    private final ScanOutlet outlet;
    private volatile boolean running;
    private volatile int fd = -1;
    private volatile Thread reader;

    public EvdevScanner(ScannerConfig cfg, Clock clock) {
        this.cfg = cfg;
        this.outlet = new ScanOutlet(cfg, clock);
    }

    @Override
    public void onScan(Consumer<BadgeScan> handler) {
        outlet.onScan(handler);
    }

    @Override
    public void onFault(Consumer<String> listener) {
        outlet.onFault(listener);
    }

    @Override
    public String problem() {
        return outlet.problem();
    }

    /** False once stopped, and for a reader thread replaced by a restart: a stale thread must not read on. */
    private boolean alive() {
        return running && (reader == Thread.currentThread());
    }

    @Override
    public void start() {
        running = true;
        reader = new Thread(this::readLoop, "scanner-" + cfg.id());
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public void stop() {
        running = false;
        if (reader != null) {
            reader.interrupt();
        }
    }

    private void readLoop() {
        LibC libc = Native.load("c", LibC.class);
        EvdevDecoder decoder = new EvdevDecoder(cfg.hid().layout(), cfg.hid().codeTimeout().toNanos() / 1000,
                cfg.maxLineLength(), outlet::emit);
        byte[] buf = new byte[EvdevDecoder.EVENT_SIZE * 64];
        while (alive()) {
            if (!Files.exists(cfg.device())) {
                outlet.fault("device " + cfg.device() + " missing");
                pause();
                continue;
            }
            fd = libc.open(cfg.device().toString(), O_RDONLY);
            if (fd < 0) {
                outlet.fault("cannot open " + cfg.device() + " (errno " + Native.getLastError()
                        + "): is the user in group input?");
                pause();
                continue;
            }
            try {
                if (libc.ioctl(fd, new NativeLong(EVIOCGRAB), 1) != 0) {
                    outlet.fault("cannot grab " + cfg.device() + " (errno " + Native.getLastError()
                            + "): another process holds it");
                    pause();
                    continue;
                }
                outlet.healthy();
                decoder.reset();
                log.info("Scanner {} grabbed {}", cfg.id(), cfg.device());
                while (alive()) {
                    long n = libc.read(fd, buf, new NativeLong(buf.length)).longValue();
                    if (n <= 0) {
                        outlet.fault("device " + cfg.device() + " went away");
                        break;
                    }
                    decoder.feed(buf, 0, (int) n);
                }
            } finally {
                libc.close(fd);
                fd = -1;
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
