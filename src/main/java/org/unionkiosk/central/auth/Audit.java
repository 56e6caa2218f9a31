// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;

/**
 * The audit log: who did what, to what, when and from where. {@link #record} runs inside the transaction of the
 * change it describes, so a change and its entry commit together.
 */
public final class Audit {
    private final Clock clock;

    public Audit(Clock clock) {
        this.clock = clock;
    }

    public void record(Connection c, String actor, String address, String action, String target, String detail)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit (at, actor, address, action, target, detail) "
                + "VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, clock.millis());
            ps.setString(2, actor);
            ps.setString(3, address);
            ps.setString(4, action);
            ps.setString(5, target);
            ps.setString(6, detail);
            ps.executeUpdate();
        }
    }

    /** The latest entries, newest first. */
    public static io.vertx.core.json.JsonArray latest(Connection c, int limit) throws SQLException {
        var out = new io.vertx.core.json.JsonArray();
        try (PreparedStatement ps = c.prepareStatement("SELECT at, actor, address, action, target, detail FROM audit "
                + "ORDER BY id DESC LIMIT ?")) {
            ps.setInt(1, limit);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new io.vertx.core.json.JsonObject().put("at", rs.getLong(1)).put("actor", rs.getString(2))
                            .put("address", rs.getString(3)).put("action", rs.getString(4))
                            .put("target", rs.getString(5)).put("detail", rs.getString(6)));
                }
            }
        }
        return out;
    }

    public void record(Connection c, User who, String action, String target, String detail) throws SQLException {
        record(c, who.name(), who.address(), action, target, detail);
    }
}
