// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.station.config.ScannerConfig;

/** One frame through a camera's configured pipeline ({@code source: command}), its figures and verdicts. */
class CameraFrameCheckTest {
    private static final int W = 160;
    private static final int H = 120;

    @TempDir
    Path dir;

    private static CheckResult check(String command) {
        ScannerConfig sc = new ScannerConfig("cam", ScannerConfig.Type.CAMERA, ScannerConfig.Role.ENTRY, null, 2048,
                10, null, null, new ScannerConfig.Camera("command", command, W, H, 15, 0, 0, 0, 0,
                Duration.ofSeconds(3)));
        return new CameraFrameCheck(sc, "scanners[0]", Duration.ofSeconds(5)).run();
    }

    /** A YUV420 frame whose luminance is a checkerboard of {@code cell} pixels between two grey levels. */
    private Path frame(int cell, int dark, int light) throws Exception {
        byte[] f = new byte[W * H * 3 / 2];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                f[y * W + x] = (byte) (((x / cell + y / cell) % 2 == 0) ? dark : light);
            }
        }
        java.util.Arrays.fill(f, W * H, f.length, (byte) 128);
        Path p = dir.resolve("frame-" + cell + "-" + dark + "-" + light + ".yuv");
        Files.write(p, f);
        return p;
    }

    @Test
    void sharpWellLitFramePassesWithItsFigures() throws Exception {
        CheckResult r = check("cat " + frame(8, 40, 200));
        assertThat(r.outcome()).as(r.detail()).isEqualTo(CheckResult.Outcome.PASS);
        assertThat(r.detail()).matches("brightness 120/255, focus \\d+");
    }

    @Test
    void darkBlurredAndMissingFramesFailWithTheirFixes() throws Exception {
        CheckResult dark = check("cat " + frame(8, 0, 20));
        assertThat(dark.outcome()).isEqualTo(CheckResult.Outcome.FAIL);
        assertThat(dark.detail()).endsWith("too dark");

        CheckResult flat = check("cat " + frame(8, 120, 120));
        assertThat(flat.outcome()).isEqualTo(CheckResult.Outcome.FAIL);
        assertThat(flat.detail()).isEqualTo("brightness 120/255, focus 0: blurred (sharp is above 15)");
        assertThat(flat.fix()).contains("focus");

        CheckResult none = check("true");
        assertThat(none.outcome()).isEqualTo(CheckResult.Outcome.FAIL);
        assertThat(none.detail()).isEqualTo("no frame within 5 s");
        assertThat(none.fix()).contains("rpicam-hello --list-cameras");
    }
}
