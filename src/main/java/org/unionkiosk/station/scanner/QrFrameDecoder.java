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
 * region of interest) as is; a frame that reads there pays nothing more. Only on a frame that did not read:
 * <ol>
 *   <li>TRY_HARDER on the same binarised frame, if the fast pass saw finder-pattern candidates;</li>
 *   <li>the same passes on the inverted frame (light-on-dark, as a phone in dark mode shows it);</li>
 *   <li>every {@value #SMALL_EVERY}th such camera frame (every image given to {@link #decodeImage}), both
 *       polarities on the frame scaled up 2x, which reads codes whose modules are only 2–3 pixels wide (a badge
 *       held far from the lens): ZXing's sampling grid misses such modules at 1x.</li>
 * </ol>
 * Not thread-safe: one decoder per decoding thread.
 */
public final class QrFrameDecoder {
    /** Candidate finder-pattern centres seen in the fast pass before the slow retry is worth it. */
    private static final int RETRY_MIN_POINTS = 2;
    /** Camera frames without a code between two upscaled passes: bounds their cost on an empty scene. */
    static final int SMALL_EVERY = 8;

    private final QRCodeReader reader = new QRCodeReader();
    private final Map<DecodeHintType, Object> fast = new EnumMap<>(DecodeHintType.class);
    private final Map<DecodeHintType, Object> hard = new EnumMap<>(DecodeHintType.class);
    private int pointsSeen;
    private int unread;

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
                whole ? width : roiWidth, whole ? height : roiHeight, false), false);
    }

    /** One still image (the {@code decode} command): every pass, every time. */
    public Optional<String> decodeImage(BufferedImage image) {
        return decode(new BufferedImageLuminanceSource(image), true);
    }

    /** A camera frame: the upscaled pass only on every {@value #SMALL_EVERY}th frame that does not read. */
    public Optional<String> decode(LuminanceSource source) {
        return decode(source, false);
    }

    private Optional<String> decode(LuminanceSource source, boolean still) {
        Optional<String> text = bothPolarities(source);
        if (text.isEmpty() && (still || ++unread % SMALL_EVERY == 0)) {
            text = bothPolarities(upscale2x(source));
        }
        if (text.isPresent()) {
            unread = 0;
        }
        return text;
    }

    private Optional<String> bothPolarities(LuminanceSource source) {
        Optional<String> text = attempt(new BinaryBitmap(new HybridBinarizer(source)));
        // Inverted before binarising, not by flipping the bits: the binarizer takes a flat block for background,
        // which on a light-on-dark code is the wrong colour.
        return text.isPresent() ? text : attempt(new BinaryBitmap(new HybridBinarizer(source.invert())));
    }

    /** The fast pass, then TRY_HARDER only if the fast pass saw finder-pattern candidates. */
    private Optional<String> attempt(BinaryBitmap bitmap) {
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

    /** Bilinear 2x enlargement of the luminance, as one plane ZXing reads like a camera frame. */
    static LuminanceSource upscale2x(LuminanceSource source) {
        int w = source.getWidth();
        int h = source.getHeight();
        byte[] in = source.getMatrix();
        int w2 = w * 2;
        int h2 = h * 2;
        byte[] out = new byte[w2 * h2];
        // Output pixel y sits at input y/2 - 1/4: 3/4 of the nearer input row, 1/4 of the one beyond it.
        for (int y = 0; y < h2; y++) {
            int near = (y >> 1) * w;
            int far = Math.max(0, Math.min(h - 1, (y >> 1) + ((y & 1) == 0 ? -1 : 1))) * w;
            for (int x = 0; x < w2; x++) {
                int nx = x >> 1;
                int fx = Math.max(0, Math.min(w - 1, nx + ((x & 1) == 0 ? -1 : 1)));
                int v = 9 * (in[near + nx] & 0xff) + 3 * (in[near + fx] & 0xff) + 3 * (in[far + nx] & 0xff)
                        + (in[far + fx] & 0xff);
                out[y * w2 + x] = (byte) ((v + 8) >> 4);
            }
        }
        return new PlanarYUVLuminanceSource(out, w2, h2, 0, 0, w2, h2, false);
    }
}
