// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Login sessions. The cookie holds a random 256-bit token; the table holds only its SHA-256, so a database dump
 * cannot be replayed as cookies. The CSRF token is an HMAC of the session token under central's session secret:
 * any instance can check it, nothing more is stored.
 */
public final class Sessions {
    public static final Duration LIFETIME = Duration.ofHours(12);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();
    private final byte[] secret;
    private final Clock clock;

    public Sessions(byte[] secret, Clock clock) {
        this.secret = secret.clone();
        this.clock = clock;
    }

    /** A new session's token (for the cookie). */
    String create(Connection c, String user, String address) throws SQLException {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = B64.encodeToString(raw);
        long now = clock.millis();
        try (PreparedStatement del = c.prepareStatement("DELETE FROM sessions WHERE expires_at < ?")) {
            del.setLong(1, now);
            del.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sessions (id_hash, username, created_at, "
                + "expires_at, address) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, hash(token));
            ps.setString(2, user);
            ps.setLong(3, now);
            ps.setLong(4, now + LIFETIME.toMillis());
            ps.setString(5, address);
            ps.executeUpdate();
        }
        return token;
    }

    /** The user and role of a live session, or null. */
    User find(Connection c, String token, String address) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT u.name, u.role FROM sessions s JOIN users u "
                + "ON u.name = s.username WHERE s.id_hash = ? AND s.expires_at > ?")) {
            ps.setString(1, hash(token));
            ps.setLong(2, clock.millis());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new User(rs.getString(1), Role.parse(rs.getString(2)), address, csrf(token)) : null;
            }
        }
    }

    void delete(Connection c, String token) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM sessions WHERE id_hash = ?")) {
            ps.setString(1, hash(token));
            ps.executeUpdate();
        }
    }

    String csrf(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return B64.encodeToString(mac.doFinal(("csrf:" + token).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
