// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.members;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.unionkiosk.central.auth.Audit;
import org.unionkiosk.central.auth.User;
import org.unionkiosk.central.commands.Desired;
import org.unionkiosk.central.store.Database;
import org.unionkiosk.protocol.BadgeClaims;
import org.unionkiosk.protocol.BadgeIssuer;
import org.unionkiosk.protocol.BadgeKind;
import org.unionkiosk.protocol.BadgeScope;
import org.unionkiosk.protocol.SigningKey;

/**
 * The member register and badges. Names and phones stay here (stations see member ids only); phones are encrypted
 * at rest and shown masked. Revoking a badge or suspending a member also goes to every station through
 * {@link Desired}. Every change is audited in its own transaction.
 */
public final class Members {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{5,20}");
    public static final String ISSUER = "union-kiosk-central";

    private final Database db;
    private final PhoneCipher phones;
    private final BadgeIssuer issuer;
    private final Desired desired;
    private final Audit audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Members(Database db, byte[] memberDataKey, SigningKey badgeKey, Desired desired, Audit audit, Clock clock) {
        this.db = db;
        this.phones = new PhoneCipher(memberDataKey);
        this.issuer = new BadgeIssuer(badgeKey);
        this.desired = desired;
        this.audit = audit;
        this.clock = clock;
    }

    /** Registers a member from {@code m} (memberId, name, phone, occupation, union). */
    public Future<JsonObject> register(User who, JsonObject m) {
        String id = m.getString("memberId");
        String phone = m.getString("phone");
        if (id == null || !ID.matcher(id).matches()) {
            return Future.failedFuture(new MemberException(400, "memberId", "1..64 letters, digits, _ or -"));
        }
        if (phone != null && !PHONE.matcher(phone).matches()) {
            return Future.failedFuture(new MemberException(400, "phone", "5..20 digits, optionally after +"));
        }
        return db.tx(c -> {
            if (exists(c, id)) {
                throw new MemberException(409, "memberId", "member " + id + " exists already");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO members (member_id, name, phone_enc, "
                    + "occupation, union_name, status, created_at) VALUES (?, ?, ?, ?, ?, 'active', ?)")) {
                ps.setString(1, id);
                ps.setString(2, m.getString("name"));
                ps.setString(3, phone == null ? null : phones.encrypt(phone));
                ps.setString(4, m.getString("occupation"));
                ps.setString(5, m.getString("union"));
                ps.setLong(6, clock.millis());
                ps.executeUpdate();
            }
            audit.record(c, who, "member.register", id, null);
            return view(c, id, false);
        });
    }

    public Future<JsonObject> get(String id) {
        return db.read(c -> found(view(c, id, false), id));
    }

    public Future<JsonArray> list(int limit) {
        return db.read(c -> {
            JsonArray out = new JsonArray();
            try (PreparedStatement ps = c.prepareStatement("SELECT member_id FROM members ORDER BY member_id LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(view(c, rs.getString(1), false));
                    }
                }
            }
            return out;
        });
    }

    /** Issues a card badge signed with central's badge key; the answer holds its id and text. */
    public Future<JsonObject> issueBadge(User who, String memberId, int validDays, String scope) {
        BadgeScope s;
        try {
            s = BadgeScope.parse(scope == null ? "all" : scope);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(new MemberException(400, "scope", "all | site:SITE | station:SITE/STATION"));
        }
        Instant now = clock.instant();
        byte[] cti = new byte[8];
        random.nextBytes(cti);
        String badgeId = HexFormat.of().formatHex(cti);
        BadgeClaims claims = new BadgeClaims(ISSUER, memberId, now, now.minusSeconds(60),
                now.plus(Duration.ofDays(validDays)), badgeId, s, BadgeKind.CARD);
        String text = issuer.issue(claims);
        return db.tx(c -> {
            JsonObject m = found(view(c, memberId, false), memberId);
            if (!"active".equals(m.getString("status"))) {
                throw new MemberException(400, "memberId", "member " + memberId + " is " + m.getString("status"));
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO badges (badge_id, member_id, kind, scope, "
                    + "issued_at, expires_at, status, payload) VALUES (?, ?, 'card', ?, ?, ?, 'active', ?)")) {
                ps.setString(1, badgeId);
                ps.setString(2, memberId);
                ps.setString(3, scope == null ? "all" : scope);
                ps.setLong(4, now.toEpochMilli());
                ps.setLong(5, claims.expiresAt().toEpochMilli());
                ps.setString(6, text);
                ps.executeUpdate();
            }
            audit.record(c, who, "badge.issue", memberId, "badge=" + badgeId + " days=" + validDays);
            return new JsonObject().put("badgeId", badgeId).put("memberId", memberId).put("text", text)
                    .put("expiresAt", claims.expiresAt().toEpochMilli());
        });
    }

    public Future<JsonArray> badges(String memberId) {
        return db.read(c -> badges(c, memberId));
    }

    private static JsonArray badges(Connection c, String memberId) throws SQLException {
        JsonArray out = new JsonArray();
        try (PreparedStatement ps = c.prepareStatement("SELECT badge_id, kind, scope, issued_at, expires_at, status "
                + "FROM badges WHERE member_id = ? ORDER BY issued_at")) {
            ps.setString(1, memberId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new JsonObject().put("badgeId", rs.getString(1)).put("kind", rs.getString(2))
                            .put("scope", rs.getString(3)).put("issuedAt", rs.getLong(4))
                            .put("expiresAt", rs.getLong(5)).put("status", rs.getString(6)));
                }
            }
        }
        return out;
    }

    /** The QR code of a badge, for printing (audited: it is a credential). */
    public Future<byte[]> qr(User who, String badgeId) {
        return db.tx(c -> {
            String text;
            try (PreparedStatement ps = c.prepareStatement("SELECT payload FROM badges WHERE badge_id = ?")) {
                ps.setString(1, badgeId);
                try (ResultSet rs = ps.executeQuery()) {
                    text = rs.next() ? rs.getString(1) : null;
                }
            }
            if (text == null) {
                throw new MemberException(404, null, "no badge " + badgeId);
            }
            audit.record(c, who, "badge.print", badgeId, null);
            return text;
        }).map(QrPng::render);
    }

    /** Revokes one badge here and on every station. */
    public Future<Long> revokeBadge(User who, String badgeId) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE badges SET status = 'revoked' WHERE badge_id = ?")) {
                ps.setString(1, badgeId);
                if (ps.executeUpdate() == 0) {
                    throw new MemberException(404, null, "no badge " + badgeId);
                }
            }
            return null;
        }).compose(v -> desired.add(who, "revoke", "badge", badgeId, "*"));
    }

    /** Suspends a member here and on every station. */
    public Future<Long> suspend(User who, String memberId) {
        return setStatus(memberId, "suspended").compose(v -> desired.add(who, "suspend", "member", memberId, "*"));
    }

    private Future<Void> setStatus(String memberId, String status) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE members SET status = ? WHERE member_id = ?")) {
                ps.setString(1, status);
                ps.setString(2, memberId);
                if (ps.executeUpdate() == 0) {
                    throw new MemberException(404, null, "no member " + memberId);
                }
            }
            return null;
        });
    }

    /** Everything central holds on one member, phone in clear (audited). */
    public Future<JsonObject> export(User who, String memberId) {
        return db.tx(c -> {
            JsonObject m = found(view(c, memberId, true), memberId);
            JsonArray events = new JsonArray();
            try (PreparedStatement ps = c.prepareStatement("SELECT body FROM events WHERE member = ? ORDER BY ts "
                    + "LIMIT 100000")) {
                ps.setString(1, memberId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        events.add(new JsonObject(rs.getString(1)));
                    }
                }
            }
            audit.record(c, who, "member.export", memberId, events.size() + " events");
            return new JsonObject().put("member", m).put("badges", badges(c, memberId)).put("events", events);
        });
    }

    /**
     * Erases a member's personal data: name, phone, occupation and union are deleted, badges revoked, and the
     * member id in stored events replaced by an anonymous token, so usage counts stay and the person is gone.
     */
    public Future<JsonObject> erase(User who, String memberId) {
        byte[] r = new byte[6];
        random.nextBytes(r);
        String anon = "erased-" + HexFormat.of().formatHex(r);
        return db.tx(c -> {
            found(view(c, memberId, false), memberId);
            try (PreparedStatement ps = c.prepareStatement("UPDATE members SET name = NULL, phone_enc = NULL, "
                    + "occupation = NULL, union_name = NULL, status = 'erased', erased_at = ? WHERE member_id = ?")) {
                ps.setLong(1, clock.millis());
                ps.setString(2, memberId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE events SET member = ?, body = REPLACE(body, ?, ?) "
                    + "WHERE member = ?")) {
                ps.setString(1, anon);
                ps.setString(2, "\"member\":\"" + memberId + "\"");
                ps.setString(3, "\"member\":\"" + anon + "\"");
                ps.setString(4, memberId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE badges SET status = 'revoked', payload = NULL "
                    + "WHERE member_id = ?")) {
                ps.setString(1, memberId);
                ps.executeUpdate();
            }
            audit.record(c, who, "member.erase", memberId, "events now " + anon);
            return new JsonObject().put("memberId", memberId).put("eventsNowAs", anon);
        }).compose(out -> desired.add(who, "revoke", "member", memberId, "*").map(id -> out));
    }

    private JsonObject view(Connection c, String id, boolean revealPhone) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT member_id, name, phone_enc, occupation, union_name, "
                + "status, created_at FROM members WHERE member_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String phone = rs.getString(3) == null ? null : phones.decrypt(rs.getString(3));
                return new JsonObject().put("memberId", rs.getString(1)).put("name", rs.getString(2))
                        .put("phone", revealPhone ? phone : PhoneCipher.mask(phone)).put("occupation", rs.getString(4))
                        .put("union", rs.getString(5)).put("status", rs.getString(6)).put("createdAt", rs.getLong(7));
            }
        }
    }

    private static boolean exists(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM members WHERE member_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static JsonObject found(JsonObject m, String id) {
        if (m == null) {
            throw new MemberException(404, null, "no member " + id);
        }
        return m;
    }
}
