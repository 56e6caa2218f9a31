// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.members;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.unionkiosk.protocol.BadgeClaims;
import org.unionkiosk.protocol.BadgeIssuer;
import org.unionkiosk.protocol.BadgeKind;
import org.unionkiosk.protocol.BadgeScope;
import org.unionkiosk.protocol.SigningKey;

/**
 * A member's rotating phone code: a badge of kind phone (docs/badge-format.md) signed by central's badge key for one
 * {@link #WINDOW} each, aligned to the clock, each with its own id so a station refuses it once used. The page gets
 * the current window and the next {@link #AHEAD} - 1, so it keeps working offline for a few minutes.
 */
final class PhoneCodes {
    static final Duration WINDOW = Duration.ofSeconds(30);
    static final int AHEAD = 10;
    private final BadgeIssuer issuer;
    private final String issuerName;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /** One code: its text, its QR as a PNG data URI, and its window. */
    record Code(String text, String pngDataUri, Instant notBefore, Instant expiresAt) {
    }

    PhoneCodes(SigningKey badgeKey, String issuerName, Clock clock) {
        this.issuer = new BadgeIssuer(badgeKey);
        this.issuerName = issuerName;
        this.clock = clock;
    }

    List<Code> run(String memberId) {
        long w = WINDOW.toSeconds();
        Instant start = Instant.ofEpochSecond(clock.instant().getEpochSecond() / w * w);
        List<Code> out = new ArrayList<>(AHEAD);
        for (int i = 0; i < AHEAD; i++) {
            Instant nbf = start.plusSeconds(i * w);
            Instant exp = nbf.plus(WINDOW);
            byte[] id = new byte[16];
            random.nextBytes(id);
            String text = issuer.issue(new BadgeClaims(issuerName, memberId, clock.instant(), nbf, exp,
                    HexFormat.of().formatHex(id), BadgeScope.ALL, BadgeKind.PHONE));
            out.add(new Code(text, "data:image/png;base64," + Base64.getEncoder().encodeToString(png(text)), nbf,
                    exp));
        }
        return out;
    }

    /** Module size 3 with a 4-module quiet zone: sharp on a phone screen, about 1 KB a code. */
    private static byte[] png(String text) {
        try {
            BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.L, EncodeHintType.MARGIN, 4));
            BitMatrix big = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, m.getWidth() * 3,
                    m.getHeight() * 3,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.L, EncodeHintType.MARGIN, 4));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(big, "PNG", out);
            return out.toByteArray();
        } catch (WriterException e) {
            throw new IllegalArgumentException("phone code does not fit a QR", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
