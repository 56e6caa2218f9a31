// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.station.config.ScannerConfig;

/** The camera pipeline fed raw YUV420 frames by a child process, as rpicam-vid would. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CameraScannerIT {
    @TempDir
    Path dir;
    private CameraScanner scanner;

    @AfterEach
    void tearDown() {
        if (scanner != null) {
            scanner.stop();
        }
    }

    private static byte[] yuv(BufferedImage img) {
        return new QrImageSet.Case(0, "", "", img).yuv420();
    }

    private static BufferedImage codeFrame(String text) throws Exception {
        var m = new com.google.zxing.qrcode.QRCodeWriter().encode(text, com.google.zxing.BarcodeFormat.QR_CODE, 400,
                400, java.util.Map.of(com.google.zxing.EncodeHintType.MARGIN, 4));
        BufferedImage img = new BufferedImage(640, 480, BufferedImage.TYPE_BYTE_GRAY);
        var g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 640, 480);
        g.drawImage(com.google.zxing.client.j2se.MatrixToImageWriter.toBufferedImage(m), 120, 40, null);
        g.dispose();
        return img;
    }

    @Test
    void oneScanPerCodeInViewAndARestartWhenThePipelineStalls() throws Exception {
        Files.write(dir.resolve("blank.yuv"), yuv(new BufferedImage(640, 480, BufferedImage.TYPE_BYTE_GRAY)));
        Files.write(dir.resolve("code.yuv"), yuv(codeFrame("UK1:CAMERA-TEST")));
        // 10 empty frames (2.5 s), the code held in view for 15 frames, then the pipeline hangs.
        String cmd = "for i in $(seq 10); do cat blank.yuv; sleep 0.25; done; for i in $(seq 15); do cat code.yuv; sleep 0.03; "
                + "done; sleep 600";
        List<BadgeScan> scans = new CopyOnWriteArrayList<>();
        scanner = new CameraScanner(new ScannerConfig("cam", ScannerConfig.Type.CAMERA, ScannerConfig.Role.EXIT,
                null, 2048, 10, null, null, new ScannerConfig.Camera("command", "cd " + dir + " && " + cmd, 640, 480,
                15, 0, 0, 0, 0, Duration.ofMillis(800))), Clock.systemUTC());
        scanner.onScan(scans::add);
        List<String> faults = new CopyOnWriteArrayList<>();
        scanner.onFault(faults::add);

        scanner.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> !scans.isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> faults.stream().anyMatch(f -> f.contains("stalled")));
        assertThat(scans).hasSize(1);
        assertThat(scans.get(0).text()).isEqualTo("UK1:CAMERA-TEST");
        assertThat(scans.get(0).role()).isEqualTo(ScannerConfig.Role.EXIT);
        // Restarted with backoff: the code is read again once it comes back into view after the gap.
        await().atMost(Duration.ofSeconds(15)).until(() -> scans.size() >= 2);
    }
}
