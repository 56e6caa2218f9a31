// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.provisioning;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The claim and identity tables. Every method runs inside the caller's transaction on a database worker. */
final class Claims {
    private Claims() {
    }

    /** A claim row. */
    record Claim(String id, String station, String site, String config, long expiresAt, Long usedAt,
                 String publicKey) {
    }

    /** The outcome of an accepted enrolment. */
    record Enrolled(String station, String identity, boolean retiredAnother, List<String> activeStations,
                    String config) {
    }

    static void insert(Connection c, String id, String hash, String site, String station, String config, String by,
                       long now, long expiresAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO provisioning_claims (id, token_hash, station, "
                + "site, config, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, hash);
            ps.setString(3, site + "/" + station);
            ps.setString(4, site);
            ps.setString(5, config);
            ps.setString(6, by);
            ps.setLong(7, now);
            ps.setLong(8, expiresAt);
            ps.executeUpdate();
        }
    }

    static Claim find(Connection c, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, station, site, config, expires_at, used_at, "
                + "public_key FROM provisioning_claims WHERE token_hash = ?")) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long used = rs.getLong(6);
                Long usedAt = rs.wasNull() ? null : used;
                return new Claim(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        usedAt, rs.getString(7));
            }
        }
    }

    /**
     * Spends {@code hash} for {@code publicKey}, or refuses it. The same key may come back with a spent claim as
     * long as the identity it created is still active: that is a Pi resuming after a power cut, which never heard
     * the first answer.
     */
    static Enrolled enrol(Connection c, String hash, String publicKey, String serial, long now) throws SQLException {
        Claim claim = find(c, hash);
        if (claim == null) {
            throw new ProvisioningException(ProvisioningException.Kind.CLAIM_UNKNOWN, "claim",
                    "this claim is unknown to central (mistyped, or made by another central): make a new one");
        }
        String active = activeKey(c, claim.station());
        if (claim.usedAt() != null) {
            if (publicKey.equals(claim.publicKey()) && publicKey.equals(active)) {
                return new Enrolled(claim.station(), claim.id(), false, activeStations(c), claim.config());
            }
            throw new ProvisioningException(ProvisioningException.Kind.CLAIM_USED, "claim",
                    "this claim was already used at " + Instant.ofEpochMilli(claim.usedAt())
                            + " and each claim enrols one station once: make a new one");
        }
        if (now >= claim.expiresAt()) {
            throw new ProvisioningException(ProvisioningException.Kind.CLAIM_EXPIRED, "claim",
                    "this claim expired at " + Instant.ofEpochMilli(claim.expiresAt())
                            + " (claims last 15 minutes): make a new one");
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE provisioning_claims SET used_at = ?, public_key = ?, "
                + "serial = ? WHERE id = ? AND used_at IS NULL")) {
            ps.setLong(1, now);
            ps.setString(2, publicKey);
            ps.setString(3, serial);
            ps.setString(4, claim.id());
            if (ps.executeUpdate() != 1) {
                throw new ProvisioningException(ProvisioningException.Kind.CLAIM_USED, "claim",
                        "this claim was used a moment ago: make a new one");
            }
        }
        boolean retired = false;
        if (active != null) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE station_identities SET retired_at = ? "
                    + "WHERE station = ? AND retired_at IS NULL")) {
                ps.setLong(1, now);
                ps.setString(2, claim.station());
                retired = ps.executeUpdate() > 0;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO station_identities (id, station, public_key, "
                + "serial, claim_id, enrolled_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, claim.id());
            ps.setString(2, claim.station());
            ps.setString(3, publicKey);
            ps.setString(4, serial);
            ps.setString(5, claim.id());
            ps.setLong(6, now);
            ps.executeUpdate();
        }
        return new Enrolled(claim.station(), claim.id(), retired, activeStations(c), claim.config());
    }

    static String activeKey(Connection c, String station) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT public_key FROM station_identities "
                + "WHERE station = ? AND retired_at IS NULL")) {
            ps.setString(1, station);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static List<String> activeStations(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT station FROM station_identities "
                + "WHERE retired_at IS NULL ORDER BY station");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /**
     * Open claims and every identity, newest first, each with a status: {@code claimed} (a claim waiting for its
     * Pi), {@code pending} (enrolled, not yet online since), {@code online}, {@code offline}, {@code retired}.
     */
    static JsonArray overview(Connection c, long now) throws SQLException {
        JsonArray out = new JsonArray();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, station, created_by, created_at, expires_at "
                + "FROM provisioning_claims WHERE used_at IS NULL AND expires_at > ? ORDER BY created_at DESC")) {
            ps.setLong(1, now);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new JsonObject().put("claim", rs.getString(1)).put("station", rs.getString(2))
                            .put("status", "claimed").put("createdBy", rs.getString(3))
                            .put("createdAt", rs.getLong(4)).put("expiresAt", rs.getLong(5)));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT i.id, i.station, i.serial, i.enrolled_at, "
                + "i.retired_at, s.online, s.state_at FROM station_identities i LEFT JOIN stations s "
                + "ON s.station = i.station ORDER BY i.enrolled_at DESC");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long enrolled = rs.getLong(4);
                long retiredAt = rs.getLong(5);
                boolean retired = !rs.wasNull();
                int online = rs.getInt(6);
                boolean seen = !rs.wasNull() && rs.getLong(7) >= enrolled;
                String status = retired ? "retired" : !seen ? "pending" : online == 1 ? "online" : "offline";
                JsonObject o = new JsonObject().put("claim", rs.getString(1)).put("station", rs.getString(2))
                        .put("status", status).put("serial", rs.getString(3)).put("enrolledAt", enrolled);
                if (retired) {
                    o.put("retiredAt", retiredAt);
                }
                out.add(o);
            }
        }
        return out;
    }
}
