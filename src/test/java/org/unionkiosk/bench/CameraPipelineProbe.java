// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.bench;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.unionkiosk.station.StationProcess;
import org.unionkiosk.station.config.ScannerConfig;
import org.unionkiosk.station.scanner.CameraScanner;

/**
 * The whole camera pipeline (child process → frame reader → newest-frame hand-off → decoder → scan): frames are
 * written into a FIFO that {@code cat} relays, as rpicam-vid would deliver them. Measures camera-to-scan latency at
 * 15 fps (frame written → scan callback), and sustained decoded frames per second when fed as fast as possible.
 * Run it pinned to one core: {@code taskset -c 0}. Args: width height.
 */
public final class CameraPipelineProbe {
    public static void main(String[] args) throws Exception {
        int w = args.length > 0 ? Integer.parseInt(args[0]) : 640;
        int h = args.length > 1 ? Integer.parseInt(args[1]) : 480;
        Path dir = Files.createTempDirectory("campipe");
        Path fifo = dir.resolve("frames");
        StationProcess.mkfifo(fifo);
        byte[] blank = yuv(frame(w, h, null));
        List<byte[]> codes = new ArrayList<>();
        var key = org.unionkiosk.protocol.Badges.newKey();
        for (int i = 0; i < 8; i++) {
            codes.add(yuv(frame(w, h, org.unionkiosk.protocol.Badges.issue(key, org.unionkiosk.protocol.Badges.card(
                    "m-" + i, java.time.Instant.now(), Duration.ofDays(1), org.unionkiosk.protocol.BadgeScope.ALL)))));
        }
        AtomicLong lastScanNanos = new AtomicLong();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong scans = new AtomicLong();
        CameraScanner cam = new CameraScanner(new ScannerConfig("cam", ScannerConfig.Type.CAMERA,
                ScannerConfig.Role.ENTRY, null, 2048, 1000, null, null, new ScannerConfig.Camera("command",
                "cat " + fifo, w, h, 15, 0, 0, 0, 0, Duration.ofSeconds(30))), Clock.systemUTC());
        cam.onScan(s -> {
            lastScanNanos.set(System.nanoTime());
            scans.incrementAndGet();
        });
        cam.start();
        try (OutputStream out = new FileOutputStream(fifo.toFile())) {
            // Latency at 15 fps: blank frames, then a code appears; time from its first frame to the scan.
            for (int round = 0; round < 8; round++) {
                for (int i = 0; i < 15; i++) {
                    out.write(blank);
                    out.flush();
                    Thread.sleep(1000 / 15);
                }
                long before = scans.get();
                long t0 = System.nanoTime();
                for (int i = 0; i < 15 && scans.get() == before; i++) {
                    out.write(codes.get(round));
                    out.flush();
                    Thread.sleep(1000 / 15);
                }
                if (scans.get() > before) {
                    latencies.add((lastScanNanos.get() - t0) / 1_000_000);
                }
            }
            // Sustained rate: alternate codes as fast as the pipe takes them for 5 s; each change is one scan.
            long start = System.nanoTime();
            long before = scans.get();
            int i = 0;
            while (System.nanoTime() - start < 5_000_000_000L) {
                out.write(codes.get(i++ % codes.size()));
            }
            Thread.sleep(300);
            double secs = (System.nanoTime() - start) / 1e9;
            Collections.sort(latencies);
            System.out.printf("%dx%d camera-to-scan at 15 fps: median %d ms, max %d ms over %d codes%n", w, h,
                    latencies.get(latencies.size() / 2), latencies.get(latencies.size() - 1), latencies.size());
            System.out.printf("%dx%d sustained: %d frames offered, %.1f frames/s decoded (each a new code)%n", w, h,
                    i, (scans.get() - before) / secs);
        } finally {
            cam.stop();
        }
        System.exit(0);
    }

    private static BufferedImage frame(int w, int h, String text) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        var g = img.createGraphics();
        g.setColor(Color.LIGHT_GRAY);
        g.fillRect(0, 0, w, h);
        if (text != null) {
            var m = new com.google.zxing.qrcode.QRCodeWriter().encode(text, com.google.zxing.BarcodeFormat.QR_CODE,
                    h * 2 / 3, h * 2 / 3, Map.of(com.google.zxing.EncodeHintType.MARGIN, 4));
            g.drawImage(com.google.zxing.client.j2se.MatrixToImageWriter.toBufferedImage(m), (w - h * 2 / 3) / 2,
                    h / 6, null);
        }
        g.dispose();
        return img;
    }

    private static byte[] yuv(BufferedImage img) {
        byte[] out = new byte[img.getWidth() * img.getHeight() * 3 / 2];
        img.getRaster().getDataElements(0, 0, img.getWidth(), img.getHeight(), out);
        java.util.Arrays.fill(out, img.getWidth() * img.getHeight(), out.length, (byte) 128);
        return out;
    }
}
