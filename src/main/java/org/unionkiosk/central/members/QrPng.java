// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.members;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

/** A badge as a QR code PNG (ZXing); the Base45 text fits QR's alphanumeric mode. */
final class QrPng {
    private static final int SIZE = 480;

    private QrPng() {
    }

    static byte[] render(String text) {
        try {
            var matrix = new QRCodeWriter().encode(text, com.google.zxing.BarcodeFormat.QR_CODE, SIZE, SIZE,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix, "PNG", out);
            return out.toByteArray();
        } catch (WriterException | IOException e) {
            throw new IllegalStateException("QR encoding failed", e);
        }
    }
}
