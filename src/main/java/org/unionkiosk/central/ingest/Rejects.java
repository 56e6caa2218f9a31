// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.ingest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads the rejects table: what ingest refused and why. */
public final class Rejects {
    private Rejects() {
    }

    /** {@code {"counts": {reason: n}, "latest": [...]}} */
    public static JsonObject summary(Connection c, int limit) throws SQLException {
        JsonObject counts = new JsonObject();
        try (PreparedStatement ps = c.prepareStatement("SELECT reason, COUNT(*) FROM rejects GROUP BY reason");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        JsonArray latest = new JsonArray();
        try (PreparedStatement ps = c.prepareStatement("SELECT received_at, topic, reason, detail, payload FROM rejects "
                + "ORDER BY id DESC LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    latest.add(new JsonObject().put("receivedAt", rs.getLong(1)).put("topic", rs.getString(2))
                            .put("reason", rs.getString(3)).put("detail", rs.getString(4))
                            .put("payload", rs.getString(5)));
                }
            }
        }
        return new JsonObject().put("counts", counts).put("latest", latest);
    }
}
