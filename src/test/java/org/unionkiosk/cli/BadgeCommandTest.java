// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadgeCommandTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out) {
    }

    private static Run run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int rc = UnionKioskCommand.newCommandLine().execute(args);
            return new Run(rc, buf.toString(StandardCharsets.UTF_8).trim());
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void issuesABadgeWhoseQrPngDecodesBackToTheSameVerifiedText() throws Exception {
        Path priv = dir.resolve("union.key");
        Path pub = dir.resolve("union.pub");
        Path png = dir.resolve("m-1001.png");

        assertThat(run("badge", "keygen", "--private", priv.toString(), "--public", pub.toString()).out())
                .matches("kid [0-9a-f]{16}");
        Run issued = run("badge", "issue", "--key", priv.toString(), "--member", "m-1001", "--valid-days", "30",
                "--scope", "site:sz-nanshan", "--png", png.toString());

        assertThat(issued.exit()).isZero();
        assertThat(Files.getPosixFilePermissions(priv)).containsOnly(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        var image = ImageIO.read(png.toFile());
        String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(image))), Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
        assertThat(decoded).isEqualTo(issued.out()).startsWith("UK1:");

        Run ok = run("badge", "verify", "--trust", pub.toString(), "--station", "sz-nanshan/st-001", decoded);
        assertThat(ok.exit()).isZero();
        assertThat(ok.out()).startsWith("valid member=m-1001").contains("scope=site:sz-nanshan");

        Run elsewhere = run("badge", "verify", "--trust", pub.toString(), "--station", "gz-tianhe/st-001", decoded);
        assertThat(elsewhere.exit()).isEqualTo(1);
        assertThat(elsewhere.out()).startsWith("refused wrong_scope");
    }

    @Test
    void refusesATamperedBadgeWithExitOne() throws Exception {
        Path priv = dir.resolve("k");
        Path pub = dir.resolve("p");
        run("badge", "keygen", "--private", priv.toString(), "--public", pub.toString());
        String text = run("badge", "issue", "--key", priv.toString(), "--member", "m-1").out();
        char last = text.charAt(text.length() - 1);
        String tampered = text.substring(0, text.length() - 1) + (last == '0' ? '1' : '0');

        Run r = run("badge", "verify", "--trust", pub.toString(), "--", tampered);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).startsWith("refused ");
    }

    @Test
    void decodeCommandReadsTheIssuedPngAndSaysNoCodeForABlankImage() throws Exception {
        Path priv = dir.resolve("k");
        run("badge", "keygen", "--private", priv.toString(), "--public", dir.resolve("p").toString());
        String text = run("badge", "issue", "--key", priv.toString(), "--member", "m-5", "--png",
                dir.resolve("b.png").toString()).out();
        ImageIO.write(new java.awt.image.BufferedImage(200, 200, java.awt.image.BufferedImage.TYPE_BYTE_GRAY), "PNG",
                dir.resolve("blank.png").toFile());

        Run r = run("decode", dir.resolve("b.png").toString(), dir.resolve("blank.png").toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo(dir.resolve("b.png") + ": " + text + "\n" + dir.resolve("blank.png")
                + ": no code");
    }

    @Test
    void usageErrorsExitWith64() {
        assertThat(run("badge", "issue", "--member", "m-1").exit()).isEqualTo(64);
        assertThat(run("no-such-command").exit()).isEqualTo(64);
    }
}
