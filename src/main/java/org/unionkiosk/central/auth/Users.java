// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The users table: names, roles, Argon2id hashes. Blocking JDBC: call on a database worker. */
public final class Users {
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");
    public static final int MIN_PASSWORD = 10;

    private final PasswordHasher hasher = new PasswordHasher();
    private final Audit audit;
    private final Clock clock;

    public Users(Audit audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    /** A stored user without the hash. */
    public record Account(String name, Role role, long createdAt) {
    }

    /**
     * Adds a user, audited as done by {@code actor}.
     *
     * @throws IllegalArgumentException naming the bad field, or if the name is taken
     */
    public void add(Connection c, String name, Role role, char[] password, String actor, String address)
            throws SQLException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: 1..64 letters, digits or . _ @ -");
        }
        if (role == null) {
            throw new IllegalArgumentException("role: one of admin, technician, viewer");
        }
        if (password == null || password.length < MIN_PASSWORD) {
            throw new IllegalArgumentException("password: at least " + MIN_PASSWORD + " characters");
        }
        if (find(c, name) != null) {
            throw new IllegalArgumentException("name: a user " + name + " exists already");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (name, role, password_hash, created_at) "
                + "VALUES (?, ?, ?, ?)")) {
            ps.setString(1, name);
            ps.setString(2, role.toString());
            ps.setString(3, hasher.hash(password));
            ps.setLong(4, clock.millis());
            ps.executeUpdate();
        }
        audit.record(c, actor, address, "user.add", name, "role=" + role);
    }

    /**
     * Changes a user's role and/or password (null leaves it), audited as done by {@code actor}. The user's sessions
     * end, so new rights or a new password take effect at once. The last admin cannot be demoted.
     *
     * @throws IllegalArgumentException naming the bad field
     */
    public void update(Connection c, String name, Role role, char[] password, String actor, String address)
            throws SQLException {
        Account a = name == null ? null : find(c, name);
        if (a == null) {
            throw new IllegalArgumentException("name: no user " + name);
        }
        if (role == null && password == null) {
            throw new IllegalArgumentException("role: give a role or a password to change");
        }
        if (password != null && password.length < MIN_PASSWORD) {
            throw new IllegalArgumentException("password: at least " + MIN_PASSWORD + " characters");
        }
        if (role != null && role != Role.ADMIN && a.role() == Role.ADMIN) {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM users WHERE role = 'admin'");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) <= 1) {
                    throw new IllegalArgumentException("role: " + name + " is the last admin; make another first");
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE users SET role = COALESCE(?, role), "
                + "password_hash = COALESCE(?, password_hash) WHERE name = ?")) {
            ps.setString(1, role == null ? null : role.toString());
            ps.setString(2, password == null ? null : hasher.hash(password));
            ps.setString(3, name);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM sessions WHERE username = ?")) {
            ps.setString(1, name);
            ps.executeUpdate();
        }
        audit.record(c, actor, address, "user.update", name, (role == null ? "" : "role=" + role)
                + (role != null && password != null ? " " : "") + (password == null ? "" : "password reset"));
    }

    /** The account if {@code password} is right, else null. Costs one Argon2id derivation either way. */
    Account verify(Connection c, String name, char[] password) throws SQLException {
        String hash = null;
        Account a = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT name, role, created_at, password_hash FROM users "
                + "WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    a = new Account(rs.getString(1), Role.parse(rs.getString(2)), rs.getLong(3));
                    hash = rs.getString(4);
                }
            }
        }
        // An unknown name takes as long as a wrong password, so names cannot be probed by timing.
        boolean ok = hasher.verify(password, hash != null ? hash : DUMMY);
        return ok && a != null ? a : null;
    }

    private static final String DUMMY = new PasswordHasher().hash("not-a-password".toCharArray());

    Account find(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT name, role, created_at FROM users WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Account(rs.getString(1), Role.parse(rs.getString(2)), rs.getLong(3)) : null;
            }
        }
    }

    public List<Account> list(Connection c) throws SQLException {
        List<Account> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name, role, created_at FROM users ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Account(rs.getString(1), Role.parse(rs.getString(2)), rs.getLong(3)));
            }
        }
        return out;
    }
}
