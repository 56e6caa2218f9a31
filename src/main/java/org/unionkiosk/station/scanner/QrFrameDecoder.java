// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.scanner;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.ResultPointCallback;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes QR codes from camera frames with ZXing. Hot path: QR only, no TRY_HARDER, on the luminance plane (or a
 * region of interest) as is. Only when that pass saw finder-pattern candidates but could not decode is the same
 * binarised frame tried again with TRY_HARDER — frames without a code never pay for it. Not thread-safe: one
 * decoder per decoding thread.
 */
public final class QrFrameDecoder {
    /** Candidate finder-pattern centres seen in the fast pass before the slow retry is worth it. */
    private static final int RETRY_MIN_POINTS = 2;

    private final QRCodeReader reader = new QRCodeReader();
    private final Map<DecodeHintType, Object> fast = new EnumMap<>(DecodeHintType.class);
    private final Map<DecodeHintType, Object> hard = new EnumMap<>(DecodeHintType.class);
    private int pointsSeen;

    public QrFrameDecoder() {
        ResultPointCallback seen = p -> pointsSeen++;
        fast.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));
        fast.put(DecodeHintType.NEED_RESULT_POINT_CALLBACK, seen);
        fast.put(DecodeHintType.CHARACTER_SET, "ISO-8859-1");
        hard.putAll(fast);
        hard.remove(DecodeHintType.NEED_RESULT_POINT_CALLBACK);
        hard.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
    }

    /** A YUV420 (I420/NV12) frame: only its first {@code width*height} bytes, the luminance plane, are read. */
    public Optional<String> decodeYuv(byte[] frame, int width, int height, int roiX, int roiY, int roiWidth,
                                      int roiHeight) {
        boolean whole = roiWidth <= 0;
        return decode(new PlanarYUVLuminanceSource(frame, width, height, whole ? 0 : roiX, whole ? 0 : roiY,
                whole ? width : roiWidth, whole ? height : roiHeight, false));
    }

    public Optional<String> decodeImage(BufferedImage image) {
        return decode(new BufferedImageLuminanceSource(image));
    }

    public Optional<String> decode(LuminanceSource source) {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(source));
        pointsSeen = 0;
        try {
            return Optional.of(reader.decode(bitmap, fast).getText());
        } catch (NotFoundException | ChecksumException | FormatException e) {
            if (pointsSeen < RETRY_MIN_POINTS) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(reader.decode(bitmap, hard).getText());
        } catch (NotFoundException | ChecksumException | FormatException e) {
            return Optional.empty();
        } finally {
            reader.reset();
        }
    }
}
