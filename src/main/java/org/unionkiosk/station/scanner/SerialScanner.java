// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.scanner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.station.config.ScannerConfig;

/**
 * A scanner that writes one code per line (CR, LF or CRLF) to a character device — a serial or USB-CDC module —
 * or to a FIFO. Reads on its own daemon thread; end of file (the FIFO writer closed, the device vanished) makes
 * it reopen the path. Lines longer than the configured bound are dropped whole.
 */
public final class SerialScanner implements BadgeScanner {
    private static final Logger log = LoggerFactory.getLogger(SerialScanner.class);
    private static final long REOPEN_DELAY_MS = 500;

    private final ScannerConfig cfg;
    private final Clock clock;
    private volatile Consumer<BadgeScan> handler = s -> { };
    private volatile boolean running;
    private volatile String problem = "not started";
    private Thread reader;

    public SerialScanner(ScannerConfig cfg, Clock clock) {
        this.cfg = cfg;
        this.clock = clock;
    }

    @Override
    public void onScan(Consumer<BadgeScan> handler) {
        this.handler = handler;
    }

    @Override
    public String problem() {
        return problem;
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
        boolean warned = false;
        while (running) {
            if (!Files.exists(cfg.device())) {
                problem = "device " + cfg.device() + " missing";
                if (!warned) {
                    log.warn("Scanner {} device {} is missing; waiting for it", cfg.id(), cfg.device());
                    warned = true;
                }
                pause();
                continue;
            }
            // Opening a FIFO blocks until a writer appears: that is a healthy, idle scanner.
            problem = null;
            try (InputStream in = Files.newInputStream(cfg.device())) {
                if (warned) {
                    log.info("Scanner {} opened {}", cfg.id(), cfg.device());
                    warned = false;
                }
                readLines(in);
            } catch (IOException e) {
                problem = "device " + cfg.device() + ": " + e.getMessage();
                log.warn("Scanner {} lost {}: {}", cfg.id(), cfg.device(), e.getMessage());
                warned = true;
                pause();
            }
        }
    }

    private void readLines(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        boolean overflow = false;
        byte[] buf = new byte[512];
        int n;
        while (running && (n = in.read(buf)) >= 0) {
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                if (b == '\n' || b == '\r') {
                    if (overflow) {
                        log.warn("Scanner {} dropped a line longer than {} bytes", cfg.id(), cfg.maxLineLength());
                    } else if (line.size() > 0) {
                        emit(line.toString(StandardCharsets.UTF_8));
                    }
                    line.reset();
                    overflow = false;
                } else if (line.size() >= cfg.maxLineLength()) {
                    overflow = true;
                } else {
                    line.write(b);
                }
            }
        }
    }

    private void emit(String text) {
        try {
            handler.accept(new BadgeScan(cfg.id(), cfg.role(), text, clock.instant()));
        } catch (RuntimeException e) {
            log.error("Scanner {} handler failed", cfg.id(), e);
        }
    }

    private void pause() {
        try {
            Thread.sleep(REOPEN_DELAY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
