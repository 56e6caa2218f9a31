// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.scanner;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortTimeoutException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.station.config.ScannerConfig;

/**
 * A scanner that sends one code per line: serial / USB-CDC / UART modules through jSerialComm (baud and framing
 * from config), or a FIFO, which is how simulations and tests feed scans. Reads on its own daemon thread. When the
 * device disappears (unplugged, or the FIFO writer closed) it reopens the configured path once it is back — use
 * the stable {@code /dev/serial/by-id/…} name, since the ttyACM number may change.
 */
public final class SerialScanner implements BadgeScanner {
    private static final Logger log = LoggerFactory.getLogger(SerialScanner.class);
    private static final long REOPEN_DELAY_MS = 500;
    private static final int READ_TIMEOUT_MS = 1000;

    private final ScannerConfig cfg;
    private final ScanOutlet outlet;
    private volatile boolean running;
    private volatile SerialPort port;
    private volatile Thread reader;

    public SerialScanner(ScannerConfig cfg, Clock clock) {
        this.cfg = cfg;
        this.outlet = new ScanOutlet(cfg, clock);
    }

    @Override
    public void onScan(Consumer<BadgeScan> handler) {
        outlet.onScan(handler);
    }

    @Override
    public String problem() {
        return outlet.problem();
    }

    @Override
    public void onFault(Consumer<String> listener) {
        outlet.onFault(listener);
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
        SerialPort p = port;
        if (p != null) {
            p.closePort();
        }
        if (reader != null) {
            reader.interrupt();
        }
    }

    private void readLoop() {
        String terminator = cfg.serial() == null ? "auto" : cfg.serial().terminator();
        LineFramer framer = new LineFramer(terminator, cfg.maxLineLength(), outlet::emit,
                () -> log.warn("Scanner {} dropped a line longer than {} bytes", cfg.id(), cfg.maxLineLength()));
        boolean warned = false;
        while (alive()) {
            Path device = cfg.device();
            if (!Files.exists(device)) {
                outlet.fault("device " + device + " missing");
                if (!warned) {
                    log.warn("Scanner {} device {} is missing; waiting for it", cfg.id(), device);
                    warned = true;
                }
                pause();
                continue;
            }
            framer.reset();
            try {
                if (Files.isRegularFile(device)) {
                    // Read to the end and reopened, a file would replay its codes forever.
                    throw new IOException("is a regular file, not a tty or FIFO");
                }
                if (isFifo(device)) {
                    readStream(device, framer);
                } else {
                    readTty(device, framer);
                }
                warned = false;
            } catch (IOException | RuntimeException e) {
                outlet.fault("device " + device + ": " + e.getMessage());
                if (!warned) {
                    log.warn("Scanner {} lost {}: {}", cfg.id(), device, e.toString());
                    warned = true;
                }
                pause();
            }
        }
    }

    private static boolean isFifo(Path p) {
        try {
            return (((Integer) Files.getAttribute(p, "unix:mode")) & 0170000) == 0010000; // S_IFIFO
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** A FIFO: opening it blocks until a writer appears, which is a healthy, idle scanner. */
    private void readStream(Path device, LineFramer framer) throws IOException {
        outlet.healthy();
        try (InputStream in = Files.newInputStream(device)) {
            byte[] buf = new byte[512];
            int n;
            while (alive() && (n = in.read(buf)) >= 0) {
                framer.feed(buf, 0, n);
            }
        }
    }

    private void readTty(Path device, LineFramer framer) throws IOException {
        SerialPort p = SerialPort.getCommPort(device.toString());
        ScannerConfig.Serial s = cfg.serial();
        p.setComPortParameters(s.baud(), s.dataBits(), s.stopBits() == 2 ? SerialPort.TWO_STOP_BITS
                : SerialPort.ONE_STOP_BIT, switch (s.parity()) {
                    case "even" -> SerialPort.EVEN_PARITY;
                    case "odd" -> SerialPort.ODD_PARITY;
                    default -> SerialPort.NO_PARITY;
                });
        p.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, READ_TIMEOUT_MS, 0);
        if (!p.openPort()) {
            throw new IOException("cannot open (error " + p.getLastErrorCode() + ")");
        }
        port = p;
        outlet.healthy();
        log.info("Scanner {} opened {} at {} baud", cfg.id(), device, s.baud());
        try (InputStream in = p.getInputStream()) {
            byte[] buf = new byte[512];
            while (alive()) {
                int n;
                try {
                    n = in.read(buf);
                } catch (SerialPortTimeoutException idle) {
                    n = 0;
                }
                if (n < 0) {
                    throw new IOException("device closed");
                }
                if (n == 0 && !Files.exists(device)) {
                    throw new IOException("device unplugged");
                }
                framer.feed(buf, 0, n);
            }
        } finally {
            port = null;
            p.closePort();
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
