// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The text of a provisioning claim QR: {@code UKP1:<central's https URL>#<secret>}. The secret is 32 random bytes
 * (Base64url, 43 characters), so it cannot be guessed; central keeps only its SHA-256. The URL is central's own, so
 * an unprovisioned Pi needs nothing but this code to enrol (docs/provisioning.md).
 */
public record ProvisioningCode(URI central, String secret) {
    public static final String PREFIX = "UKP1:";
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");

    public ProvisioningCode {
        if (!SECRET.matcher(secret).matches()) {
            throw new IllegalArgumentException("the claim secret must be 43 Base64url characters");
        }
        String scheme = central.getScheme();
        if (!"https".equals(scheme) && !("http".equals(scheme) && isLoopback(central.getHost()))) {
            throw new IllegalArgumentException("central's URL must be https:// (plain http only on this machine), was "
                    + central);
        }
    }

    /** A fresh claim for {@code central}. */
    public static ProvisioningCode generate(URI central, SecureRandom random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return new ProvisioningCode(central, Base64.getUrlEncoder().withoutPadding().encodeToString(b));
    }

    /** Reads a scanned or typed code; the message says what is wrong with it. */
    public static ProvisioningCode parse(String text) {
        String t = text == null ? "" : text.strip();
        int hash = t.lastIndexOf('#');
        if (!t.startsWith(PREFIX) || hash < 0) {
            throw new IllegalArgumentException("not a provisioning code: it starts with " + PREFIX
                    + " (make a new one with 'union-kiosk central provision-code' or in the console)");
        }
        try {
            return new ProvisioningCode(new URI(t.substring(PREFIX.length(), hash)), t.substring(hash + 1));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the provisioning code's URL is not valid: " + e.getMessage());
        }
    }

    /** What central stores and looks the claim up by. */
    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    secret.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String hash() {
        return hash(secret);
    }

    /** The enrolment endpoint under central's URL. */
    public URI enrolUri() {
        String base = central.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + "provision/enrol");
    }

    public String text() {
        return PREFIX + central + "#" + secret;
    }

    private static boolean isLoopback(String host) {
        return "127.0.0.1".equals(host) || "localhost".equals(host) || "[::1]".equals(host);
    }

    @Override
    public String toString() {
        return "ProvisioningCode[central=" + central + ", secret=<redacted>]";
    }
}
