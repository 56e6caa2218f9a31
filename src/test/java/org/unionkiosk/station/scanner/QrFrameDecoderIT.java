// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.protocol.BadgeScope;
import org.unionkiosk.protocol.BadgeClaims;
import org.unionkiosk.protocol.BadgeIssuer;
import org.unionkiosk.protocol.BadgeKind;
import org.unionkiosk.protocol.SigningKey;

/**
 * The camera decoder on a generated set of camera-like badge images, as YUV420 frames and as PNG files: it must
 * read every image a reference decoder (ZXing, TRY_HARDER, whole frame) reads, and never misread one.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class QrFrameDecoderIT {
    static final int IMAGES = 160;

    @TempDir
    Path dir;

    static Optional<String> reference(java.awt.image.BufferedImage img) {
        try {
            return Optional.of(new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                    new BufferedImageLuminanceSource(img))), Map.of(DecodeHintType.TRY_HARDER, true)).getText());
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** Fixed key, claims and ids: the same badges, hence the same images, on every run. */
    static List<String> badges(int n) {
        SigningKey key = SigningKey.fromSeed(new byte[32]);
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new BadgeIssuer(key).issue(new BadgeClaims("union", "m-" + (1000 + i), t, t,
                    t.plus(Duration.ofDays(365)), String.format("%016x", i + 1L), BadgeScope.ALL, BadgeKind.CARD)));
        }
        return out;
    }

    @Test
    void readsEverythingTheReferenceReadsAndNeverMisreads() throws Exception {
        List<QrImageSet.Case> set = QrImageSet.generate(IMAGES, 640, 480, badges(8), 20261127L);
        QrFrameDecoder decoder = new QrFrameDecoder();
        int referenceRead = 0;
        int yuvRead = 0;
        int pngRead = 0;
        List<String> missed = new ArrayList<>();

        for (QrImageSet.Case c : set) {
            Optional<String> ref = reference(c.image());
            Optional<String> yuv = decoder.decodeYuv(c.yuv420(), 640, 480, 0, 0, 0, 0);
            Path png = dir.resolve("badge-" + c.index() + ".png");
            ImageIO.write(c.image(), "PNG", png.toFile());
            Optional<String> file = decoder.decodeImage(ImageIO.read(png.toFile()));

            yuv.ifPresent(t -> assertThat(t).as("misread " + c.description()).isEqualTo(c.text()));
            file.ifPresent(t -> assertThat(t).as("misread " + c.description()).isEqualTo(c.text()));
            ref.ifPresent(t -> assertThat(t).isEqualTo(c.text()));
            if (ref.isPresent()) {
                referenceRead++;
                if (yuv.isEmpty() || file.isEmpty()) {
                    missed.add(c.index() + ": " + c.description());
                }
            }
            yuvRead += yuv.isPresent() ? 1 : 0;
            pngRead += file.isPresent() ? 1 : 0;
        }

        System.out.printf("camera decode rate: reference %d/%d, YUV %d/%d, PNG %d/%d%n", referenceRead, IMAGES,
                yuvRead, IMAGES, pngRead, IMAGES);
        Files.writeString(Path.of("target", "decode-rate.txt"), String.format("reference %d/%d, yuv %d/%d, png %d/%d%n",
                referenceRead, IMAGES, yuvRead, IMAGES, pngRead, IMAGES));
        assertThat(missed).as("images the reference reads but the camera path does not").isEmpty();
        assertThat(referenceRead).as("the set must exercise decoding, not only failure").isGreaterThan(IMAGES / 5);
    }

    /** The most bare ZXing reads of an image: TRY_HARDER, either polarity, as it is or enlarged 2x by Java2D. */
    static Optional<String> generousReference(java.awt.image.BufferedImage img) {
        java.awt.image.BufferedImage big = new java.awt.image.BufferedImage(img.getWidth() * 2, img.getHeight() * 2,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        var g = big.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
                java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, big.getWidth(), big.getHeight(), null);
        g.dispose();
        for (var source : List.of(new BufferedImageLuminanceSource(img), new BufferedImageLuminanceSource(big))) {
            for (var polarity : List.of(source, source.invert())) {
                try {
                    return Optional.of(new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(polarity)),
                            Map.of(DecodeHintType.TRY_HARDER, true)).getText());
                } catch (Exception notThisWay) {
                    // try the next
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void readsABadgeShownFromADistanceAndALightOnDarkOneAsTheCameraHoldsThemOverFrames() throws Exception {
        List<QrImageSet.Case> set = QrImageSet.smallCodes(40, 1280, 720, badges(8), 20261128L);
        int generous = 0;
        int bare = 0;
        int ours = 0;
        int oursInverted = 0;
        List<String> missed = new ArrayList<>();

        for (QrImageSet.Case c : set) {
            QrFrameDecoder decoder = new QrFrameDecoder();
            Optional<String> read = Optional.empty();
            for (int frame = 0; frame < QrFrameDecoder.SMALL_EVERY && read.isEmpty(); frame++) {
                read = decoder.decodeYuv(c.yuv420(), 1280, 720, 0, 0, 0, 0);
            }
            read.ifPresent(t -> assertThat(t).as("misread " + c.description()).isEqualTo(c.text()));
            Optional<String> ref = generousReference(c.image());
            ref.ifPresent(t -> assertThat(t).isEqualTo(c.text()));
            generous += ref.isPresent() ? 1 : 0;
            bare += reference(c.image()).isPresent() ? 1 : 0;
            ours += read.isPresent() ? 1 : 0;
            oursInverted += read.isPresent() && c.description().contains("inverted=true") ? 1 : 0;
            if (ref.isPresent() && read.isEmpty()) {
                missed.add(c.index() + ": " + c.description());
            }
        }

        System.out.printf("small codes (modules 2-3 px, 1280x720): bare ZXing %d/40, generous reference %d/40, "
                + "ours %d/40 (%d light-on-dark)%n", bare, generous, ours, oursInverted);
        assertThat(missed).as("small or inverted codes bare ZXing reads some way but the camera path does not")
                .isEmpty();
        assertThat(ours).as("more than bare ZXing reads").isGreaterThan(bare);
        assertThat(oursInverted).isPositive();
    }
}
