// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.members;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.unionkiosk.central.ingest.EventSink;
import org.unionkiosk.central.ingest.IngestedEvent;

/**
 * Writes one {@code visits} row per entry granted to a named member, inside ingest's transaction (so a visit is
 * never counted twice nor lost): the member's occupation as registered at that moment ({@code unregistered} for a
 * card holder who never registered by phone), whether it is the member's first visit anywhere, and the channel
 * ({@code phone} for the door QR, else the badge kind).
 */
public final class VisitLog implements EventSink {
    static final String UNREGISTERED = "unregistered";

    @Override
    public void stored(Connection c, List<IngestedEvent> events) throws SQLException {
        for (IngestedEvent e : events) {
            if (!e.type().equals("access.granted") || e.member() == null
                    || !"entry".equals(e.fields().path("role").asText())) {
                continue;
            }
            String occupation = UNREGISTERED;
            try (PreparedStatement ps = c.prepareStatement("SELECT occupation FROM members WHERE member_id = ? "
                    + "AND erased_at IS NULL")) {
                ps.setString(1, e.member());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getString(1) != null) {
                        occupation = rs.getString(1);
                    }
                }
            }
            boolean first;
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM visits WHERE member_id = ?")) {
                ps.setString(1, e.member());
                try (ResultSet rs = ps.executeQuery()) {
                    first = !rs.next();
                }
            }
            String via = e.fields().hasNonNull("via") ? e.fields().get("via").asText()
                    : e.fields().path("kind").asText("card");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO visits (station, seq, site, member_id, "
                    + "occupation, first_time, via, ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, e.station());
                ps.setLong(2, e.seq());
                ps.setString(3, e.site());
                ps.setString(4, e.member());
                ps.setString(5, occupation);
                ps.setInt(6, first ? 1 : 0);
                ps.setString(7, via.length() > 16 ? via.substring(0, 16) : via);
                ps.setLong(8, e.ts());
                ps.executeUpdate();
            }
        }
    }
}
