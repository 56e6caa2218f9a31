// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.scanner;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.station.config.ScannerConfig;

/**
 * A camera read as a stream of raw frames from a child process (rpicam-vid YUV420, ffmpeg from V4L2, or a
 * configured pipeline), QR codes decoded with ZXing on the luminance plane. A reader thread keeps only the newest
 * frame; a decoder thread takes it, so when decoding falls behind, stale frames are dropped rather than queued.
 * The same code seen in consecutive frames is one scan. A pipeline that exits or stalls is restarted with backoff.
 */
public final class CameraScanner implements BadgeScanner {
    private static final Logger log = LoggerFactory.getLogger(CameraScanner.class);
    /** A code held in view keeps being read: it counts again only after it has been out of view this long. */
    private static final long SAME_CODE_GAP_MS = 2000;

    private final ScannerConfig cfg;
    private final ScannerConfig.Camera cam;
    private final AtomicReference<byte[]> newest = new AtomicReference<>();
    private final ScanOutlet outlet;
    private volatile boolean running;
    private volatile long lastFrameAt;
    private volatile Process process;
    private volatile Thread reader;
    private volatile Thread decoder;
    private long frames;
    private long dropped;

    public CameraScanner(ScannerConfig cfg, Clock clock) {
        this.cfg = cfg;
        this.cam = cfg.camera();
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

    private Thread decoderThread() {
        return decoder;
    }

    /** False once stopped, and for a reader thread replaced by a restart: a stale thread must not read on. */
    private boolean alive() {
        return running && (reader == Thread.currentThread() || Thread.currentThread() == decoderThread());
    }

    @Override
    public void start() {
        running = true;
        reader = new Thread(this::captureLoop, "camera-" + cfg.id());
        reader.setDaemon(true);
        reader.start();
        decoder = new Thread(this::decodeLoop, "camera-decode-" + cfg.id());
        decoder.setDaemon(true);
        decoder.start();
    }

    @Override
    public void stop() {
        running = false;
        Process p = process;
        if (p != null) {
            kill(p);
        }
        if (reader != null) {
            reader.interrupt();
        }
        if (decoder != null) {
            decoder.interrupt();
        }
    }

    /** The frame pipeline this camera runs; the self-test grabs a single frame through it. */
    public List<String> command() {
        String size = cam.width() + "x" + cam.height();
        return switch (cam.source()) {
            case "rpicam" -> List.of("rpicam-vid", "-t", "0", "-n", "--codec", "yuv420", "--width",
                    String.valueOf(cam.width()), "--height", String.valueOf(cam.height()), "--framerate",
                    String.valueOf(cam.fps()), "-o", "-");
            case "v4l2" -> List.of("ffmpeg", "-loglevel", "error", "-f", "v4l2", "-video_size", size, "-framerate",
                    String.valueOf(cam.fps()), "-i", cfg.device().toString(), "-pix_fmt", "gray", "-f", "rawvideo",
                    "-");
            default -> List.of("/bin/sh", "-c", cam.command());
        };
    }

    /** Bytes per frame: YUV420 (luminance then quarter-size chroma), or luminance only from ffmpeg. */
    public int frameBytes() {
        int luma = cam.width() * cam.height();
        return "v4l2".equals(cam.source()) ? luma : luma * 3 / 2;
    }

    private void captureLoop() {
        int failures = 0;
        while (alive()) {
            try {
                process = new ProcessBuilder(command()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                lastFrameAt = System.currentTimeMillis();
                Thread watchdog = stallWatchdog(process);
                try (InputStream in = process.getInputStream()) {
                    byte[] frame = new byte[frameBytes()];
                    while (alive() && in.readNBytes(frame, 0, frame.length) == frame.length) {
                        lastFrameAt = System.currentTimeMillis();
                        outlet.healthy();
                        failures = 0;
                        frames++;
                        if (newest.getAndSet(frame.clone()) != null) {
                            dropped++;
                        }
                        synchronized (newest) {
                            newest.notifyAll();
                        }
                    }
                } finally {
                    watchdog.interrupt();
                    kill(process);
                }
                if (running && outlet.problem() == null) {
                    outlet.fault("camera pipeline ended");
                    log.warn("Camera {} pipeline ended after {} frames; restarting", cfg.id(), frames);
                }
            } catch (IOException e) {
                outlet.fault("camera pipeline: " + e.getMessage());
                if (failures == 0) {
                    log.warn("Camera {} could not start {}: {}", cfg.id(), command().get(0), e.getMessage());
                }
            }
            failures++;
            sleep(Math.min(30_000, 250L << Math.min(failures, 7)));
        }
    }

    /** Kills a pipeline that stopped delivering frames, which makes the capture loop restart it. */
    private Thread stallWatchdog(Process p) {
        Thread t = new Thread(() -> {
            while (running && p.isAlive()) {
                if (System.currentTimeMillis() - lastFrameAt > cam.stall().toMillis()) {
                    outlet.fault("camera stalled: no frame for " + cam.stall().toMillis() + " ms");
                    log.warn("Camera {} stalled; restarting its pipeline", cfg.id());
                    kill(p);
                    return;
                }
                sleep(Math.max(100, cam.stall().toMillis() / 4));
            }
        }, "camera-watchdog-" + cfg.id());
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void decodeLoop() {
        QrFrameDecoder qr = new QrFrameDecoder();
        String lastText = null;
        long lastSeenAt = 0;
        while (alive()) {
            byte[] frame = newest.getAndSet(null);
            if (frame == null) {
                synchronized (newest) {
                    try {
                        newest.wait(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                continue;
            }
            Optional<String> text = qr.decodeYuv(frame, cam.width(), cam.height(), cam.roiX(), cam.roiY(),
                    cam.roiWidth(), cam.roiHeight());
            long now = System.currentTimeMillis();
            if (text.isPresent()) {
                if (!text.get().equals(lastText) || now - lastSeenAt > SAME_CODE_GAP_MS) {
                    outlet.emit(text.get());
                }
                lastText = text.get();
                lastSeenAt = now;
            }
        }
    }

    /** The pipeline and its children: a shell's child would otherwise keep the pipe open. */
    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    long framesSeen() {
        return frames;
    }

    long framesDropped() {
        return dropped;
    }

    private void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
