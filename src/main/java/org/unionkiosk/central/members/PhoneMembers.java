// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.members;

import io.vertx.core.Future;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import org.unionkiosk.central.store.Database;

/**
 * Members registered from the phone page, in the {@code members} table: phone encrypted ({@link PhoneCipher}) and
 * found by its keyed hash, occupation, union membership and consent time. Also spends door-token nonces. All SQL runs on the database workers.
 */
final class PhoneMembers {
    /** A member as the phone page needs it; {@code maskedPhone} is 138****1234. */
    record Member(String memberId, String status, Occupation occupation, boolean unionMember, String maskedPhone) {
        boolean suspended() {
            return !"active".equals(status);
        }
    }

    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private final Database db;
    private final PhoneCipher cipher;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    PhoneMembers(Database db, PhoneCipher cipher, Clock clock) {
        this.db = db;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Registers a phone, or updates the member it already belongs to; the phone is hashed and encrypted here. */
    Future<Member> register(String phone, Occupation occupation, boolean unionMember) {
        String hash = cipher.hash(phone);
        String enc = cipher.encrypt(phone);
        long now = clock.millis();
        return db.tx(c -> {
            String id = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT member_id FROM members WHERE phone_hash = ?")) {
                ps.setString(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        id = rs.getString(1);
                    }
                }
            }
            if (id == null) {
                id = newId();
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO members (member_id, phone_enc, phone_hash, "
                        + "occupation, union_member, consent_at, status, created_at) VALUES (?, ?, ?, ?, ?, ?, "
                        + "'active', ?)")) {
                    ps.setString(1, id);
                    ps.setString(2, enc);
                    ps.setString(3, hash);
                    ps.setString(4, occupation.code());
                    ps.setInt(5, unionMember ? 1 : 0);
                    ps.setLong(6, now);
                    ps.setLong(7, now);
                    ps.executeUpdate();
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement("UPDATE members SET occupation = ?, union_member = ?, "
                        + "consent_at = ? WHERE member_id = ?")) {
                    ps.setString(1, occupation.code());
                    ps.setInt(2, unionMember ? 1 : 0);
                    ps.setLong(3, now);
                    ps.setString(4, id);
                    ps.executeUpdate();
                }
            }
            return find(c, id);
        });
    }

    /** The member, or null when unknown or erased. */
    Future<Member> find(String memberId) {
        return db.read(c -> find(c, memberId));
    }

    private Member find(Connection c, String memberId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status, occupation, union_member, phone_enc "
                + "FROM members WHERE member_id = ? AND erased_at IS NULL")) {
            ps.setString(1, memberId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Occupation o = Occupation.parse(rs.getString(2));
                String enc = rs.getString(4);
                return new Member(memberId, rs.getString(1), o == null ? Occupation.OTHER : o, rs.getInt(3) == 1,
                        enc == null ? null : PhoneCipher.mask(cipher.decrypt(enc)));
            }
        }
    }

    /** Erases the registration: phone, its hash and consent go; visits stay counted but no longer name the member. */
    Future<Void> erase(String memberId) {
        long now = clock.millis();
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE members SET name = NULL, phone_enc = NULL, phone_hash = NULL, "
                    + "occupation = NULL, union_member = NULL, union_name = NULL, consent_at = NULL, status = 'erased', erased_at = ? "
                    + "WHERE member_id = ?");
                 PreparedStatement v = c.prepareStatement("UPDATE visits SET member_id = 'erased' "
                         + "WHERE member_id = ?")) {
                ps.setLong(1, now);
                ps.setString(2, memberId);
                ps.executeUpdate();
                v.setString(1, memberId);
                v.executeUpdate();
            }
            return null;
        });
    }

    /** Spends a door-token nonce; false when it was spent before (a reused QR). Forgets expired ones. */
    Future<Boolean> spendNonce(String nonce, String station, Instant expiresAt) {
        long now = clock.millis();
        return db.tx(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM door_tokens_used WHERE expires_at < ?")) {
                del.setLong(1, now - 3_600_000);
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM door_tokens_used WHERE nonce = ?")) {
                ps.setString(1, nonce);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO door_tokens_used (nonce, station, expires_at) "
                    + "VALUES (?, ?, ?)")) {
                ps.setString(1, nonce);
                ps.setString(2, station);
                ps.setLong(3, expiresAt.toEpochMilli());
                ps.executeUpdate();
            }
            return true;
        });
    }

    private String newId() {
        StringBuilder b = new StringBuilder("m-");
        for (int i = 0; i < 12; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}
