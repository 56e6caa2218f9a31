// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.unionkiosk.central.store.Database;

/**
 * The monthly report of a site (or all sites): per station visits, distinct members, door entries, refusals by
 * reason, locker assignments, and visits by hour of day; days and hours in central's time zone.
 */
final class Reports {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final Clock clock;

    Reports(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** One month; {@code site} null for every site. */
    Future<JsonObject> month(YearMonth month, String site) {
        ZoneId zone = clock.getZone();
        long from = month.atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
        long to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
        return db.read(c -> {
            Map<String, Row> rows = new TreeMap<>();
            Row total = new Row();
            scan(c, from, to, site, (station, ts, type, member, f, occupation) -> {
                Row r = rows.computeIfAbsent(station, k -> new Row());
                for (Row x : new Row[] {r, total}) {
                    x.add(type, member, f, Instant.ofEpochMilli(ts).atZone(zone).getHour());
                }
            });
            JsonArray stations = new JsonArray();
            rows.forEach((k, r) -> stations.add(r.toJson().put("station", k)));
            return new JsonObject().put("month", month.toString()).put("site", site).put("stations", stations)
                    .put("total", total.toJson());
        });
    }

    /** The report as CSV: one line per station and a total line; refusals by reason as columns. */
    static String csv(JsonObject report) {
        Set<String> reasons = new java.util.TreeSet<>();
        JsonArray stations = report.getJsonArray("stations");
        report.getJsonObject("total").getJsonObject("refusals").fieldNames().forEach(reasons::add);
        StringBuilder b = new StringBuilder("month,station,visits,members,entries,refusals,lockers,peak_hour");
        reasons.forEach(r -> b.append(",refused_").append(r));
        b.append("\r\n");
        for (int i = 0; i <= stations.size(); i++) {
            JsonObject r = i < stations.size() ? stations.getJsonObject(i) : report.getJsonObject("total");
            String name = i < stations.size() ? r.getString("station") : "total";
            b.append(report.getString("month")).append(',').append(name).append(',').append(r.getLong("visits"))
                    .append(',').append(r.getLong("members")).append(',').append(r.getLong("entries")).append(',')
                    .append(r.getLong("refused")).append(',').append(r.getLong("lockers")).append(',')
                    .append(r.getValue("peakHour") == null ? "" : r.getValue("peakHour"));
            JsonObject refusals = r.getJsonObject("refusals");
            reasons.forEach(x -> b.append(',').append(refusals.getLong(x, 0L)));
            b.append("\r\n");
        }
        return b.toString();
    }

    /** Receives one event of a scan. */
    interface Visitor {
        void event(String station, long ts, String type, String member, JsonNode fields, String occupation)
                throws SQLException;
    }

    /** Events that count in reports and visit figures, between {@code from} and {@code to} (ms). */
    static void scan(Connection c, long from, long to, String site, Visitor v) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT e.station, e.ts, e.type, e.member, e.body, "
                + "m.occupation FROM events e LEFT JOIN members m ON m.member_id = e.member WHERE e.ts >= ? "
                + "AND e.ts < ? AND e.type IN ('access.granted', 'access.denied', 'occupancy.entered', "
                + "'locker.assigned')" + (site == null ? "" : " AND e.station LIKE ?"))) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            if (site != null) {
                ps.setString(3, site + "/%");
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    JsonNode f;
                    try {
                        f = JSON.readTree(rs.getString(5));
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        continue; // ingest stores only parsed envelopes; nothing to count otherwise
                    }
                    v.event(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), f, rs.getString(6));
                }
            }
        }
    }

    /** Counts of one station or of the total. */
    private static final class Row {
        long visits;
        long entries;
        long refused;
        long lockers;
        final Set<String> members = new HashSet<>();
        final Map<String, Long> refusals = new TreeMap<>();
        final long[] hours = new long[24];

        void add(String type, String member, JsonNode f, int hour) {
            switch (type) {
                case "access.granted" -> {
                    if (StationEvents.isEntry(f)) {
                        visits++;
                        hours[hour]++;
                        if (member != null) {
                            members.add(member);
                        }
                    }
                }
                case "access.denied" -> {
                    refused++;
                    refusals.merge(f.path("reason").asText("unknown"), 1L, Long::sum);
                }
                case "occupancy.entered" -> entries++;
                case "locker.assigned" -> lockers++;
                default -> { }
            }
        }

        JsonObject toJson() {
            JsonArray h = new JsonArray();
            Integer peak = null;
            for (int i = 0; i < 24; i++) {
                h.add(hours[i]);
                if (hours[i] > 0 && (peak == null || hours[i] > hours[peak])) {
                    peak = i;
                }
            }
            JsonObject r = new JsonObject();
            refusals.forEach(r::put);
            return new JsonObject().put("visits", visits).put("members", (long) members.size())
                    .put("entries", entries).put("refused", refused).put("lockers", lockers).put("refusals", r)
                    .put("hours", h).put("peakHour", peak);
        }
    }

    /** The first day of the current month, for defaults. */
    YearMonth thisMonth() {
        return YearMonth.from(LocalDate.now(clock));
    }
}
