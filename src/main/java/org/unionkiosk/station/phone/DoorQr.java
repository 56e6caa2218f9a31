// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.phone;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.EncodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import javax.imageio.ImageIO;
import org.unionkiosk.protocol.DoorToken;
import org.unionkiosk.station.config.PhoneConfig;

/**
 * Mints the door QR: central's entry URL with site, station and a fresh {@link DoorToken}, drawn as a PNG.
 * The caller decides when to re-mint.
 */
public final class DoorQr {
    /** What the screen shows until the next mint. */
    public record Code(String url, byte[] png, Instant mintedAt, Instant expiresAt) {
    }

    private final PhoneConfig cfg;
    private final String site;
    private final String station;
    private final Clock clock;

    public DoorQr(PhoneConfig cfg, String site, String station, Clock clock) {
        this.cfg = cfg;
        this.site = site;
        this.station = station;
        this.clock = clock;
    }

    /**
     * A fresh code whose drawing ZXing reads back. A few clean codes defeat ZXing's finder-pattern detector (the
     * data happens to mimic a finder pattern); a fresh token changes the data, so such a code is re-minted rather
     * than shown. Blocking (encode plus a decode, a few milliseconds): call it off the event loop.
     */
    public Code mint() {
        Code code = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            Instant now = clock.instant();
            String token = DoorToken.mint(cfg.stationKey(), site, station, now);
            String url = cfg.entryUrl() + "?s=" + enc(site) + "&t=" + enc(station) + "&k=" + token;
            code = new Code(url, png(url), now, now.plus(DoorToken.LIFETIME));
            if (readsBack(code)) {
                return code;
            }
        }
        return code;
    }

    static boolean readsBack(Code code) {
        try {
            var image = ImageIO.read(new ByteArrayInputStream(code.png()));
            return code.url().equals(new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                    new BufferedImageLuminanceSource(image)))).getText());
        } catch (IOException | ReaderException e) {
            return false;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Medium error correction: a screen seen at an angle through a phone camera, behind glass. */
    static byte[] png(String text) {
        try {
            BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 360, 360,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(m, "PNG", out);
            return out.toByteArray();
        } catch (WriterException e) {
            throw new IllegalArgumentException("QR cannot hold " + text.length() + " characters", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
