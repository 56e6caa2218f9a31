// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * Ed25519 keys as standard PEM files (PKCS#8 private, SubjectPublicKeyInfo public), the same files
 * {@code openssl genpkey -algorithm ed25519} writes, so either tool can make keys for the other.
 */
public final class KeyFiles {
    // DER prefixes of RFC 8410 structures; the 32 key bytes follow.
    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private KeyFiles() {
    }

    /** Writes the private key with mode 600, whatever the umask. */
    public static void writePrivate(Path file, SigningKey key) throws IOException {
        write(file, pem("PRIVATE KEY", concat(PKCS8_PREFIX, key.seed())), "rw-------");
    }

    /** Writes the public key with mode 644, whatever the umask (a lax one made it world-writable). */
    public static void writePublic(Path file, TrustedKey key) throws IOException {
        write(file, pem("PUBLIC KEY", concat(SPKI_PREFIX, key.publicKey())), "rw-r--r--");
    }

    private static void write(Path file, String content, String mode) throws IOException {
        Set<PosixFilePermission> perms = PosixFilePermissions.fromString(mode);
        Files.deleteIfExists(file);
        // Created with at most these bits (the umask can only remove), set exactly before any byte is written.
        Files.createFile(file, PosixFilePermissions.asFileAttribute(perms));
        Files.setPosixFilePermissions(file, perms);
        Files.writeString(file, content);
    }

    /** @throws IllegalArgumentException naming what is wrong with the file's content */
    public static SigningKey readPrivate(Path file) throws IOException {
        return SigningKey.fromSeed(unwrap(Files.readString(file, StandardCharsets.US_ASCII), "PRIVATE KEY",
                PKCS8_PREFIX));
    }

    /** @throws IllegalArgumentException naming what is wrong with the file's content */
    public static TrustedKey readPublic(Path file) throws IOException {
        return parsePublic(Files.readString(file, StandardCharsets.US_ASCII));
    }

    public static TrustedKey parsePublic(String pem) {
        return TrustedKey.of(unwrap(pem, "PUBLIC KEY", SPKI_PREFIX));
    }

    public static String publicPem(TrustedKey key) {
        return pem("PUBLIC KEY", concat(SPKI_PREFIX, key.publicKey()));
    }

    private static byte[] unwrap(String pem, String label, byte[] prefix) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int b = pem.indexOf(begin);
        int e = pem.indexOf(end);
        if (b < 0 || e < b) {
            throw new IllegalArgumentException("expected a PEM block '" + begin + "'");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(b + begin.length(), e));
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("PEM body is not Base64");
        }
        if (der.length != prefix.length + 32 || !Arrays.equals(der, 0, prefix.length, prefix, 0, prefix.length)) {
            throw new IllegalArgumentException("not an Ed25519 " + label.toLowerCase());
        }
        return Arrays.copyOfRange(der, prefix.length, der.length);
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
