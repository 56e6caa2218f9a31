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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.unionkiosk.central.auth.Audit;
import org.unionkiosk.central.auth.User;
import org.unionkiosk.central.store.Database;

/**
 * The wall display's read-only links and figures. A link holds a random token; only its SHA-256 is stored, so the
 * database does not give the link away, and an admin can revoke it. Visits of past days are counted once and kept
 * (recounted every {@link #RECOUNT_MS} ms to take in events uploaded late); today's are counted at each request.
 */
final class WallDisplay {
    static final long RECOUNT_MS = 10 * 60_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final Audit audit;
    private final Clock clock;
    private volatile PastDays past;

    /** Visits per day before today, this year, by occupation. */
    private record PastDays(LocalDate today, long countedAt, Map<LocalDate, Map<String, Long>> days) {
    }

    WallDisplay(Database db, Audit audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
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

    /** Visits today, this month and this year, and this year's visits by occupation category. */
    Future<JsonObject> visits() {
        ZoneId zone = clock.getZone();
        LocalDate today = LocalDate.now(clock);
        long todayStart = today.atStartOfDay(zone).toInstant().toEpochMilli();
        PastDays p = past;
        Future<PastDays> pastDays = p != null && p.today().equals(today) && clock.millis() - p.countedAt() < RECOUNT_MS
                ? Future.succeededFuture(p)
                : count(today.withDayOfYear(1).atStartOfDay(zone).toInstant().toEpochMilli(), todayStart, zone)
                        .map(d -> {
                            PastDays n = new PastDays(today, clock.millis(), d);
                            past = n;
                            return n;
                        });
        return pastDays.compose(pd -> count(todayStart, todayStart + 86_400_000L * 2, zone).map(t -> {
            Map<String, Long> byOcc = new TreeMap<>();
            long month = 0;
            long year = 0;
            Map<LocalDate, Map<String, Long>> all = new HashMap<>(pd.days());
            all.putAll(t);
            for (Map.Entry<LocalDate, Map<String, Long>> d : all.entrySet()) {
                long n = d.getValue().values().stream().mapToLong(Long::longValue).sum();
                if (d.getKey().getYear() != today.getYear() || d.getKey().isAfter(today)) {
                    continue;
                }
                year += n;
                if (d.getKey().getMonth() == today.getMonth()) {
                    month += n;
                }
                d.getValue().forEach((k, v) -> byOcc.merge(k, v, Long::sum));
            }
            long day = t.getOrDefault(today, Map.of()).values().stream().mapToLong(Long::longValue).sum();
            JsonObject occ = new JsonObject();
            byOcc.forEach(occ::put);
            return new JsonObject().put("today", day).put("month", month).put("year", year)
                    .put("byOccupation", occ);
        }));
    }

    private Future<Map<LocalDate, Map<String, Long>>> count(long from, long to, ZoneId zone) {
        return db.read(c -> {
            Map<LocalDate, Map<String, Long>> days = new HashMap<>();
            Reports.scan(c, from, to, null, (station, ts, type, member, f, occupation) -> {
                if (type.equals("access.granted") && StationEvents.isEntry(f)) {
                    LocalDate d = java.time.Instant.ofEpochMilli(ts).atZone(zone).toLocalDate();
                    days.computeIfAbsent(d, k -> new HashMap<>())
                            .merge(occupation == null ? "" : occupation, 1L, Long::sum);
                }
            });
            return days;
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
