// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.console;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HexFormat;
import org.unionkiosk.central.auth.Audit;
import org.unionkiosk.central.auth.User;
import org.unionkiosk.central.store.Database;

/**
 * The wall display's read-only links and figures. A link holds a random token; only its SHA-256 is stored, so the
 * database does not give the link away, and an admin can revoke it.
 */
final class WallDisplay {
    static final long OCCUPATIONS_MS = 5 * 60_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final Audit audit;
    private final Clock clock;
    private final ZoneId zone;
    private volatile Occupations occupations;

    private record Occupations(long countedAt, JsonObject counts) {
    }

    WallDisplay(Database db, Audit audit, Clock clock, ZoneId zone) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.zone = zone;
    }

    /** A new link token for {@code label}, shown once (audited). */
    Future<JsonObject> create(User who, String label) {
        if (label == null || label.isBlank() || label.length() > 128) {
            return Future.failedFuture(new IllegalArgumentException("label: must be 1..128 characters"));
        }
        byte[] raw = new byte[24];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO wall_tokens (token_hash, label, created_by, "
                    + "created_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, hash(token));
                ps.setString(2, label.strip());
                ps.setString(3, who.name());
                ps.setLong(4, clock.millis());
                ps.executeUpdate();
            }
            audit.record(c, who, "wall.link.create", label.strip(), null);
            return new JsonObject().put("token", token).put("id", hash(token).substring(0, 12))
                    .put("label", label.strip());
        });
    }

    Future<JsonArray> list() {
        return db.read(c -> {
            JsonArray out = new JsonArray();
            try (PreparedStatement ps = c.prepareStatement("SELECT token_hash, label, created_by, created_at "
                    + "FROM wall_tokens WHERE revoked_at IS NULL ORDER BY created_at");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new JsonObject().put("id", rs.getString(1).substring(0, 12)).put("label", rs.getString(2))
                            .put("createdBy", rs.getString(3)).put("createdAt", rs.getLong(4)));
                }
            }
            return out;
        });
    }

    /** Revokes the link whose id (the first 12 hex digits of its hash) is {@code id} (audited). */
    Future<Void> revoke(User who, String id) {
        if (id == null || !id.matches("[0-9a-f]{12}")) {
            return Future.failedFuture(new IllegalArgumentException("id: must be a link id of 12 hex digits"));
        }
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE wall_tokens SET revoked_at = ? "
                    + "WHERE token_hash LIKE ? AND revoked_at IS NULL")) {
                ps.setLong(1, clock.millis());
                ps.setString(2, id + "%");
                if (ps.executeUpdate() == 0) {
                    throw new IllegalArgumentException("id: no such link " + id);
                }
            }
            audit.record(c, who, "wall.link.revoke", id, null);
            return null;
        });
    }

    /** Whether {@code token} is a live link. */
    Future<Boolean> valid(String token) {
        if (token == null || token.length() > 64) {
            return Future.succeededFuture(false);
        }
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM wall_tokens WHERE token_hash = ? "
                    + "AND revoked_at IS NULL")) {
                ps.setString(1, hash(token));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /**
     * Visits (door entries, central's usage metric {@code visits}) today, this month and this year from the daily
     * aggregates, and this month's visits served by occupation category (the {@code visits} rows, the same figures
     * as the monthly report; kept for {@link #OCCUPATIONS_MS} ms).
     */
    Future<JsonObject> visits() {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        Future<JsonObject> occupations = byOccupation(today);
        return db.read(c -> {
            long day = 0;
            long month = 0;
            long year = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT day, SUM(n) FROM usage_daily WHERE metric = "
                    + "'visits' AND day >= ? AND day <= ? GROUP BY day")) {
                ps.setString(1, today.withDayOfYear(1).toString());
                ps.setString(2, today.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        LocalDate d = LocalDate.parse(rs.getString(1));
                        long n = rs.getLong(2);
                        year += n;
                        month += d.getMonth() == today.getMonth() ? n : 0;
                        day += d.equals(today) ? n : 0;
                    }
                }
            }
            return new JsonObject().put("today", day).put("month", month).put("year", year);
        }).compose(v -> occupations.map(o -> v.put("byOccupation", o)));
    }

    private Future<JsonObject> byOccupation(LocalDate today) {
        Occupations o = occupations;
        if (o != null && clock.millis() - o.countedAt() < OCCUPATIONS_MS) {
            return Future.succeededFuture(o.counts());
        }
        long from = today.withDayOfMonth(1).atStartOfDay(zone).toInstant().toEpochMilli();
        return db.read(c -> {
            JsonObject out = new JsonObject();
            // The visits rows, as the monthly report and /api/visits count them (a grant to a named member).
            try (PreparedStatement ps = c.prepareStatement("SELECT occupation, COUNT(*) FROM visits WHERE ts >= ? "
                    + "GROUP BY occupation")) {
                ps.setLong(1, from);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            occupations = new Occupations(clock.millis(), out);
            return out;
        });
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
