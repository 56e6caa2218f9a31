// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.provision;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.unionkiosk.station.config.ScannerConfig;
import org.unionkiosk.station.scanner.CameraScanner;

/**
 * One frame through the camera's own pipeline (the command the station runs), with two figures for the
 * technician: mean brightness of the luminance plane (0–255) and a focus figure, the variance of its Laplacian
 * over the region of interest — high for sharp edges, near zero for a blurred or blank picture.
 */
final class CameraFrameCheck {
    static final int DARK = 30;
    static final int BRIGHT = 225;
    static final double BLURRED = 15;

    private final ScannerConfig sc;
    private final String key;
    private final Duration timeout;

    CameraFrameCheck(ScannerConfig sc, String key, Duration timeout) {
        this.sc = sc;
        this.key = key;
        this.timeout = timeout;
    }

    CheckResult run() {
        String what = "camera " + sc.id() + " (" + sc.camera().source() + ", " + sc.camera().width() + "x"
                + sc.camera().height() + ")";
        CameraScanner camera = new CameraScanner(sc, Clock.systemUTC());
        byte[] frame;
        Process p = null;
        try {
            p = new ProcessBuilder(camera.command()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            InputStream in = p.getInputStream();
            int size = camera.frameBytes();
            frame = CompletableFuture.supplyAsync(() -> {
                try {
                    byte[] f = new byte[size];
                    return in.readNBytes(f, 0, size) == size ? f : null;
                } catch (IOException e) {
                    return null;
                }
            }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            return CheckResult.fail(key, what, "cannot start " + camera.command().get(0) + ": " + e.getMessage(),
                    "install the camera tools (rpicam-apps for rpicam, ffmpeg for v4l2) or fix " + key + ".source");
        } catch (Exception e) { // no frame in time, or the pipeline died: reported below
            frame = null;
        } finally {
            if (p != null) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
        if (frame == null) {
            return CheckResult.fail(key, what, "no frame within " + timeout.toSeconds() + " s",
                    "check the camera ribbon cable and camera_auto_detect=1 in config.txt ('rpicam-hello "
                            + "--list-cameras'), or " + key + ".device for a USB camera");
        }
        var c = sc.camera();
        boolean whole = c.roiWidth() <= 0;
        int x0 = whole ? 0 : c.roiX();
        int y0 = whole ? 0 : c.roiY();
        int w = whole ? c.width() : c.roiWidth();
        int h = whole ? c.height() : c.roiHeight();
        int brightness = (int) Math.round(brightness(frame, c.width(), x0, y0, w, h));
        double focus = focus(frame, c.width(), x0, y0, w, h);
        String figures = String.format("brightness %d/255, focus %.0f", brightness, focus);
        if (brightness < DARK) {
            return CheckResult.fail(key, what, figures + ": too dark", "add light at the scanning spot or remove "
                    + "the lens cap; the code must be lit without glare");
        }
        if (brightness > BRIGHT) {
            return CheckResult.fail(key, what, figures + ": overexposed", "move the camera out of direct light or "
                    + "add a hood; a QR code needs contrast");
        }
        if (focus < BLURRED) {
            return CheckResult.fail(key, what, figures + ": blurred (sharp is above " + (int) BLURRED + ")",
                    "turn the lens to focus at the scanning distance (10-20 cm) and clean it");
        }
        return CheckResult.pass(key, what, figures);
    }

    static double brightness(byte[] luma, int stride, int x0, int y0, int w, int h) {
        long sum = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                sum += luma[y * stride + x] & 0xff;
            }
        }
        return (double) sum / ((long) w * h);
    }

    /** Variance of the 4-neighbour Laplacian: the usual sharpness figure. */
    static double focus(byte[] luma, int stride, int x0, int y0, int w, int h) {
        double sum = 0;
        double sq = 0;
        long n = 0;
        for (int y = y0 + 1; y < y0 + h - 1; y++) {
            for (int x = x0 + 1; x < x0 + w - 1; x++) {
                int i = y * stride + x;
                int lap = (luma[i - 1] & 0xff) + (luma[i + 1] & 0xff) + (luma[i - stride] & 0xff)
                        + (luma[i + stride] & 0xff) - 4 * (luma[i] & 0xff);
                sum += lap;
                sq += (double) lap * lap;
                n++;
            }
        }
        if (n == 0) {
            return 0;
        }
        double mean = sum / n;
        return sq / n - mean * mean;
    }
}
