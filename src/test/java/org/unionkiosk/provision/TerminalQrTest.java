// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.unionkiosk.station.scanner.QrFrameDecoder;

class TerminalQrTest {
    /** Paints the text as a light-on-dark terminal shows it (4x4 pixels per module) and decodes it back. */
    @Test
    void theCodeDrawnOnTheTerminalDecodesToTheTestCode() {
        for (int i = 0; i < 100; i++) { // random codes: one in a few dozen once defeated ZXing's detector
            paintAndDecode(ScannerChecks.testCode());
        }
    }

    private static void paintAndDecode(String code) {
        List<String> rows = TerminalQr.render(code).lines().map(l -> l.substring(5)).toList();
        int scale = 4;
        BufferedImage img = new BufferedImage(rows.get(0).length() * scale, rows.size() * 2 * scale,
                BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < rows.size(); r++) {
            for (int x = 0; x < rows.get(r).length(); x++) {
                char c = rows.get(r).charAt(x);
                boolean top = c == '█' || c == '▀';
                boolean bottom = c == '█' || c == '▄';
                paint(img, x, r * 2, top, scale);
                paint(img, x, r * 2 + 1, bottom, scale);
            }
        }
        assertThat(new QrFrameDecoder().decodeImage(img)).contains(code);
    }

    private static void paint(BufferedImage img, int mx, int my, boolean light, int scale) {
        int rgb = light ? 0xffffff : 0x000000;
        for (int y = 0; y < scale; y++) {
            for (int x = 0; x < scale; x++) {
                img.setRGB(mx * scale + x, my * scale + y, rgb);
            }
        }
    }

    @Test
    void testCodesAreFreshAndCannotBeMistakenForABadge() {
        String a = ScannerChecks.testCode();
        assertThat(a).matches("UKTEST-[A-Z2-9]{8}").doesNotStartWith("UK1:");
        assertThat(ScannerChecks.testCode()).isNotEqualTo(a);
    }
}
