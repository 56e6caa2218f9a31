// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.members;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.TreeMap;
import org.unionkiosk.central.store.Database;

/**
 * Visits served (服务人次) for a day, week (Monday first), month or year in the union's time zone: per station and
 * occupation, first-time versus repeat visitors, and visits per hour of day (the peak hours). Read from the
 * {@code visits} rows {@link VisitLog} writes.
 */
public final class Visits {
    /** The period asked for: {@code day}, {@code week}, {@code month} or {@code year} containing {@code at}. */
    public record Period(String unit, LocalDate from, LocalDate toExclusive) {
        public static Period of(String unit, LocalDate at) {
            return switch (unit) {
                case "day" -> new Period(unit, at, at.plusDays(1));
                case "week" -> {
                    LocalDate monday = at.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                    yield new Period(unit, monday, monday.plusWeeks(1));
                }
                case "month" -> new Period(unit, at.withDayOfMonth(1), at.withDayOfMonth(1).plusMonths(1));
                case "year" -> new Period(unit, at.withDayOfYear(1), at.withDayOfYear(1).plusYears(1));
                default -> throw new IllegalArgumentException("period must be day, week, month or year, was "
                        + unit);
            };
        }
    }

    /** One line of the breakdown. */
    record Line(String station, String occupation, long visits, long firstTime) {
    }

    private final Database db;
    private final ZoneId zone;

    public Visits(Database db, ZoneId zone) {
        this.db = db;
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Lines per station and occupation, and visits per hour of day; {@code site} null means every site. */
    public Future<JsonObject> report(String site, Period p) {
        long from = p.from().atStartOfDay(zone).toInstant().toEpochMilli();
        long to = p.toExclusive().atStartOfDay(zone).toInstant().toEpochMilli();
        return db.read(c -> {
            Map<String, long[]> lines = new TreeMap<>();
            long[] hours = new long[24];
            try (PreparedStatement ps = c.prepareStatement("SELECT station, occupation, first_time, ts FROM visits "
                    + "WHERE ts >= ? AND ts < ?" + (site == null ? "" : " AND site = ?"))) {
                ps.setLong(1, from);
                ps.setLong(2, to);
                if (site != null) {
                    ps.setString(3, site);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long[] n = lines.computeIfAbsent(rs.getString(1) + "\t" + rs.getString(2), k -> new long[2]);
                        n[0]++;
                        n[1] += rs.getInt(3);
                        hours[Instant.ofEpochMilli(rs.getLong(4)).atZone(zone).getHour()]++;
                    }
                }
            }
            JsonArray rows = new JsonArray();
            long total = 0;
            long first = 0;
            for (var e : lines.entrySet()) {
                String[] k = e.getKey().split("\t");
                rows.add(new JsonObject().put("station", k[0]).put("occupation", k[1]).put("visits", e.getValue()[0])
                        .put("firstTime", e.getValue()[1]).put("repeat", e.getValue()[0] - e.getValue()[1]));
                total += e.getValue()[0];
                first += e.getValue()[1];
            }
            JsonArray perHour = new JsonArray();
            int peak = 0;
            for (int h = 0; h < 24; h++) {
                perHour.add(hours[h]);
                peak = hours[h] > hours[peak] ? h : peak;
            }
            return new JsonObject().put("site", site).put("period", p.unit()).put("from", p.from().toString())
                    .put("to", p.toExclusive().toString()).put("timeZone", zone.getId()).put("visits", total)
                    .put("firstTime", first).put("repeat", total - first).put("rows", rows)
                    .put("perHour", perHour).put("peakHour", total == 0 ? null : peak);
        });
    }

    /** The breakdown as CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese station names right). */
    public static String csv(JsonObject report) {
        StringBuilder b = new StringBuilder("\uFEFFstation,occupation,visits,first_time,repeat\r\n");
        for (Object o : report.getJsonArray("rows")) {
            JsonObject r = (JsonObject) o;
            b.append(r.getString("station")).append(',').append(r.getString("occupation")).append(',')
                    .append(r.getLong("visits")).append(',').append(r.getLong("firstTime")).append(',')
                    .append(r.getLong("repeat")).append("\r\n");
        }
        return b.toString();
    }

    /** Deletes visits older than {@code days} (union policy, {@code phone.visitRetentionDays}). */
    public Future<Integer> prune(int days, long nowMillis) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM visits WHERE ts < ?")) {
                ps.setLong(1, nowMillis - days * 86_400_000L);
                return ps.executeUpdate();
            }
        });
    }
}
