// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.cli;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.unionkiosk.protocol.BadgeClaims;
import org.unionkiosk.protocol.BadgeIssuer;
import org.unionkiosk.protocol.BadgeKind;
import org.unionkiosk.protocol.BadgeScope;
import org.unionkiosk.protocol.BadgeVerdict;
import org.unionkiosk.protocol.BadgeVerifier;
import org.unionkiosk.protocol.SigningKey;
import org.unionkiosk.protocol.TrustedKey;
import org.unionkiosk.protocol.TrustedKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "badge", mixinStandardHelpOptions = true, description = "Badge signing keys, issuing and verifying.",
        subcommands = {KeygenCommand.class, BadgeCommand.Issue.class, BadgeCommand.Verify.class})
final class BadgeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return UnionKioskCommand.EXIT_USAGE;
    }

    @Command(name = "issue", mixinStandardHelpOptions = true, description = "Sign a badge; print it, and "
            + "optionally write it as a QR code PNG.")
    static final class Issue implements Callable<Integer> {
        @Option(names = "--key", required = true, description = "Private key file")
        Path keyFile;
        @Option(names = "--member", required = true, description = "Member id")
        String member;
        @Option(names = "--valid-days", defaultValue = "365", description = "Days valid (default ${DEFAULT-VALUE})")
        int validDays;
        @Option(names = "--scope", defaultValue = "all", description = "all | site:SITE | station:SITE/STATION")
        String scope;
        @Option(names = "--issuer", defaultValue = "union", description = "Issuer name (iss)")
        String issuer;
        @Option(names = "--png", description = "Write the QR code (error correction Q) to this PNG file")
        Path png;

        @Override
        public Integer call() throws IOException, WriterException {
            if (member.isBlank() || !member.equals(member.strip())) {
                System.err.println("union-kiosk: --member must be a member id without surrounding blanks, was '"
                        + member + "'");
                return UnionKioskCommand.EXIT_USAGE;
            }
            if (validDays < 1 || validDays > 3660) {
                System.err.println("union-kiosk: --valid-days must be 1..3660, was " + validDays);
                return UnionKioskCommand.EXIT_USAGE;
            }
            BadgeScope parsedScope;
            try {
                parsedScope = BadgeScope.parse(scope);
            } catch (IllegalArgumentException e) {
                System.err.println("union-kiosk: --scope: " + e.getMessage());
                return UnionKioskCommand.EXIT_USAGE;
            }
            SigningKey key = CliKeys.readPrivate("--key", keyFile);
            byte[] id = new byte[8];
            new SecureRandom().nextBytes(id);
            Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            String text = new BadgeIssuer(key).issue(new BadgeClaims(issuer, member, now, now,
                    now.plus(Duration.ofDays(validDays)), HexFormat.of().formatHex(id), parsedScope, BadgeKind.CARD));
            if (png != null) {
                writeQr(text, png);
            }
            System.out.println(text);
            return 0;
        }
    }

    static void writeQr(String text, Path png) throws WriterException, IOException {
        var matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 600, 600,
                Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.Q, EncodeHintType.MARGIN, 4));
        MatrixToImageWriter.writeToPath(matrix, "PNG", png);
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, description = "Verify badge text offline. "
            + "Exit 0 when valid, 1 when refused.")
    static final class Verify implements Callable<Integer> {
        @Option(names = "--trust", required = true, description = "Trusted public key file (repeatable)")
        List<Path> trust = new ArrayList<>();
        @Option(names = "--station", description = "SITE/STATION: also check the badge's scope")
        String station;
        @Option(names = "--skew-seconds", defaultValue = "120", description = "Clock skew allowed")
        int skew;
        @Parameters(index = "0", description = "The badge text (UK1:...)")
        String text;

        @Override
        public Integer call() throws IOException {
            List<TrustedKey> keys = new ArrayList<>();
            for (Path p : trust) {
                keys.add(CliKeys.readPublic("--trust", p));
            }
            BadgeVerdict v = new BadgeVerifier(new TrustedKeys(keys), Clock.systemUTC(), Duration.ofSeconds(skew))
                    .verify(text);
            if (v instanceof BadgeVerdict.Refused r) {
                System.out.println("refused " + r.reason().code() + ": " + r.detail());
                return 1;
            }
            BadgeClaims c = ((BadgeVerdict.Valid) v).claims();
            if (station != null) {
                String[] parts = station.split("/", 2);
                if (parts.length != 2 || !c.scope().admits(parts[0], parts[1])) {
                    System.out.println("refused wrong_scope: badge scope " + c.scope() + " excludes " + station);
                    return 1;
                }
            }
            // badge= is the id that a revoke command takes (--arg badge=...)
            System.out.println("valid member=" + c.memberId() + " badge=" + c.badgeId() + " issuer=" + c.issuer()
                    + " scope=" + c.scope()
                    + " kind=" + c.kind().name().toLowerCase() + " expires=" + c.expiresAt() + " kid="
                    + ((BadgeVerdict.Valid) v).kid());
            return 0;
        }
    }
}
