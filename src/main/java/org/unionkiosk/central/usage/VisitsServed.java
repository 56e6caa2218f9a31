// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.usage;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Visits served (服务人次) in a site's month by occupation category, first-time versus repeat: read from the same
 * {@code visits} rows as {@code /api/visits} and the wall display, so the figures agree everywhere.
 */
public record VisitsServed(Map<String, long[]> byOccupation) {
    static VisitsServed read(Connection c, String site, long fromMillis, long toMillis) throws SQLException {
        Map<String, long[]> out = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT occupation, COUNT(*), SUM(first_time) FROM visits "
                + "WHERE site = ? AND ts >= ? AND ts < ? GROUP BY occupation")) {
            ps.setString(1, site);
            ps.setLong(2, fromMillis);
            ps.setLong(3, toMillis);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                }
            }
        }
        return new VisitsServed(out);
    }

    long visits() {
        return byOccupation.values().stream().mapToLong(n -> n[0]).sum();
    }

    long firstTime() {
        return byOccupation.values().stream().mapToLong(n -> n[1]).sum();
    }

    /** {@code {"visits", "firstTime", "repeat", "byOccupation": {"courier": {"visits", "firstTime", "repeat"}}}} */
    JsonObject toJson() {
        JsonObject by = new JsonObject();
        byOccupation.forEach((o, n) -> by.put(o, figures(n[0], n[1])));
        return figures(visits(), firstTime()).put("byOccupation", by);
    }

    private static JsonObject figures(long visits, long first) {
        return new JsonObject().put("visits", visits).put("firstTime", first).put("repeat", visits - first);
    }

    /** A second table under the stations, after a blank line, with its own header and a total line. */
    void appendCsv(StringBuilder sb) {
        sb.append("\r\noccupation,visits_served,first_time,repeat\r\n");
        byOccupation.forEach((o, n) -> line(sb, o, n[0], n[1]));
        line(sb, "total", visits(), firstTime());
    }

    private static void line(StringBuilder sb, String name, long visits, long first) {
        sb.append(name).append(',').append(visits).append(',').append(first).append(',').append(visits - first)
                .append("\r\n");
    }
}
