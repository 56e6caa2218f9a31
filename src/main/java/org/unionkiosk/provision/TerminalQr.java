// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.provision;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;

/**
 * A QR code drawn with Unicode half blocks, two modules per character cell, for a terminal with light text on a
 * dark background (an SSH session on a laptop or phone): light modules are drawn, dark ones left blank. Scanners
 * read it off the screen.
 */
public final class TerminalQr {
    private TerminalQr() {
    }

    public static String render(String text) {
        BitMatrix m;
        try {
            m = new QRCodeWriter().encode(text, com.google.zxing.BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode the test code", e);
        }
        StringBuilder out = new StringBuilder();
        for (int y = 0; y < m.getHeight(); y += 2) {
            out.append("     ");
            for (int x = 0; x < m.getWidth(); x++) {
                boolean top = !m.get(x, y);
                boolean bottom = y + 1 >= m.getHeight() || !m.get(x, y + 1);
                out.append(top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' ');
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * Whether ZXing reads the code back from a clean drawing of it. A few clean codes defeat ZXing's finder-pattern
     * detector (the data mimics a finder pattern); camera scanners built on it would miss them.
     */
    static boolean readsBack(String text) {
        try {
            var m = new QRCodeWriter().encode(text, com.google.zxing.BarcodeFormat.QR_CODE, 240, 240,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
            var image = com.google.zxing.client.j2se.MatrixToImageWriter.toBufferedImage(m);
            return text.equals(new com.google.zxing.qrcode.QRCodeReader().decode(new com.google.zxing.BinaryBitmap(
                    new com.google.zxing.common.HybridBinarizer(
                            new com.google.zxing.client.j2se.BufferedImageLuminanceSource(image)))).getText());
        } catch (WriterException | com.google.zxing.ReaderException e) {
            return false;
        }
    }
}
