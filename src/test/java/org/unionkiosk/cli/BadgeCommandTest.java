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

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            var cl = UnionKioskCommand.newCommandLine();
            cl.setErr(new java.io.PrintWriter(System.err, true));
            int rc = cl.execute(args);
            return new Run(rc, buf.toString(StandardCharsets.UTF_8).trim(), err.toString(StandardCharsets.UTF_8).trim());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
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
        assertThat(ok.out()).startsWith("valid member=m-1001 badge=").contains("scope=site:sz-nanshan");

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

    @Test
    void answersHelpAtEveryLevel() {
        for (String[] args : new String[][] {{"--help"}, {"run", "--help"}, {"badge", "--help"},
                {"badge", "keygen", "--help"}, {"badge", "issue", "--help"}, {"badge", "verify", "--help"},
                {"command", "--help"}, {"command", "keygen", "--help"}, {"command", "sign", "--help"},
                {"decode", "--help"}}) {
            Run r = run(args);

            assertThat(r.exit()).as(String.join(" ", args)).isZero();
            assertThat(r.out()).as(String.join(" ", args)).startsWith("Usage: union-kiosk");
        }
        assertThat(run("command", "sign", "--help").out()).contains("unblock-locker");
    }

    @Test
    void aGroupWithoutSubcommandPrintsItsUsageAndExits64() {
        Run r = run("badge");

        assertThat(r.exit()).isEqualTo(64);
        assertThat(r.err()).contains("keygen").contains("issue").contains("verify");
    }

    @Test
    void keygenRefusesToOverwriteAnExistingKeyUnlessForced() throws Exception {
        Path priv = dir.resolve("union.key");
        Path pub = dir.resolve("union.pub");
        run("badge", "keygen", "--private", priv.toString(), "--public", pub.toString());
        String before = Files.readString(priv);

        Run refused = run("badge", "keygen", "--private", priv.toString(), "--public", pub.toString());

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains(priv.toString()).contains("--force");
        assertThat(Files.readString(priv)).isEqualTo(before);
        assertThat(run("badge", "keygen", "--private", priv.toString(), "--public", pub.toString(), "--force")
                .exit()).isZero();
        assertThat(Files.readString(priv)).isNotEqualTo(before);
    }

    @Test
    void commandKeygenMakesCentralsCommandKeyThatSignAccepts() {
        Path priv = dir.resolve("central-command.key");
        run("command", "keygen", "--private", priv.toString(), "--public", dir.resolve("c.pub").toString());

        Run r = run("command", "sign", "--key", priv.toString(), "--station", "s/t", "--name", "rebirth");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("{\"v\":1,");
        assertThat(r.err()).matches("kiosk/v1/s/t/cmd/rebirth/[A-Za-z0-9_-]+");
    }

    @Test
    void refusesAnEmptyMember() {
        Path priv = dir.resolve("k");
        run("badge", "keygen", "--private", priv.toString(), "--public", dir.resolve("p").toString());

        Run r = run("badge", "issue", "--key", priv.toString(), "--member", "");

        assertThat(r.exit()).isEqualTo(64);
        assertThat(r.err()).contains("--member");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aMissingOrWrongKeyFileIsOneLineNamingTheFile() throws Exception {
        Path missing = dir.resolve("nope.key");
        Path pub = dir.resolve("p");
        run("badge", "keygen", "--private", dir.resolve("k").toString(), "--public", pub.toString());

        Run noFile = run("badge", "issue", "--key", missing.toString(), "--member", "m-1");
        Run publicAsPrivate = run("badge", "issue", "--key", pub.toString(), "--member", "m-1");
        Run wrongTrust = run("badge", "verify", "--trust", dir.resolve("k").toString(), "UK1:X");

        assertThat(noFile.exit()).isEqualTo(1);
        assertThat(noFile.err()).isEqualTo("union-kiosk: --key " + missing + ": no such file; expected an Ed25519 "
                + "private key in PEM ('-----BEGIN PRIVATE KEY-----', as keygen writes)");
        assertThat(publicAsPrivate.err()).startsWith("union-kiosk: --key " + pub + ": expected a PEM block")
                .doesNotContain("\n").doesNotContain("Exception");
        assertThat(wrongTrust.exit()).isEqualTo(1);
        assertThat(wrongTrust.err()).startsWith("union-kiosk: --trust ").doesNotContain("\n");
    }
}
