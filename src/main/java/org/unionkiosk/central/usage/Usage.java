// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.usage;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.unionkiosk.central.store.Database;

/**
 * Usage read from the aggregates only: a series per hour, day or month for a site or one station, and the monthly
 * report of a site (per station and in total) as JSON or as CSV for Excel. Counts add up; the peak occupancy of a
 * period is the highest level seen, and a site's peak is its busiest station's.
 */
public final class Usage {
    /** Series step. */
    public enum Step { HOUR, DAY, MONTH }

    private final Database db;
    private final ZoneId zone;

    public Usage(Database db, ZoneId zone) {
        this.db = db;
        this.zone = zone;
    }

    /** {@code [{"period": "2026-11-28" | "2026-11" | "2026-11-28T09:00+08:00", "metrics": {...}}]} */
    public Future<JsonArray> series(String site, String station, Step step, LocalDate from, LocalDate to) {
        return db.read(c -> {
            String where = " WHERE site = ?" + (station == null ? "" : " AND station = ?");
            String sql = switch (step) {
                case HOUR -> "SELECT hour, metric, SUM(n), MAX(n) FROM usage_hourly" + where
                        + " AND hour >= ? AND hour < ? GROUP BY hour, metric ORDER BY hour";
                case DAY -> "SELECT day, metric, SUM(n), MAX(n) FROM usage_daily" + where
                        + " AND day >= ? AND day <= ? GROUP BY day, metric ORDER BY day";
                case MONTH -> "SELECT SUBSTR(day, 1, 7), metric, SUM(n), MAX(n) FROM usage_daily" + where
                        + " AND day >= ? AND day <= ? GROUP BY SUBSTR(day, 1, 7), metric ORDER BY 1";
            };
            Map<String, JsonObject> periods = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setString(i++, site);
                if (station != null) {
                    ps.setString(i++, station);
                }
                if (step == Step.HOUR) {
                    ps.setLong(i++, from.atStartOfDay(zone).toInstant().toEpochMilli());
                    ps.setLong(i, to.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli());
                } else {
                    ps.setString(i++, from.toString());
                    ps.setString(i, to.toString());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String period = step == Step.HOUR ? Instant.ofEpochMilli(rs.getLong(1)).atZone(zone)
                                .toOffsetDateTime().toString() : rs.getString(1);
                        String metric = rs.getString(2);
                        periods.computeIfAbsent(period, p -> new JsonObject()).put(metric,
                                metric.equals(UsageCounter.PEAK) ? rs.getLong(4) : rs.getLong(3));
                    }
                }
            }
            JsonArray out = new JsonArray();
            periods.forEach((p, m) -> out.add(new JsonObject().put("period", p).put("metrics", m)));
            return out;
        });
    }

    /** One site's month: a row per station, and the total. */
    public record Report(String site, YearMonth month, List<String> columns, Map<String, Map<String, Long>> rows,
                         Map<String, Long> total, VisitsServed served) {
        public JsonObject toJson() {
            JsonObject stations = new JsonObject();
            rows.forEach((s, m) -> stations.put(s, new JsonObject(new TreeMap<>(m))));
            return new JsonObject().put("site", site).put("month", month.toString()).put("columns",
                    new JsonArray(columns)).put("stations", stations).put("total", new JsonObject(new TreeMap<>(total)))
                    .put("visitsServed", served.toJson());
        }

        /** UTF-8 with a byte order mark, so Excel (as set up in China) opens it with the right encoding. */
        public String toCsv() {
            StringBuilder sb = new StringBuilder("\uFEFF");
            sb.append("station");
            columns.forEach(col -> sb.append(',').append(col));
            sb.append("\r\n");
            rows.forEach((s, m) -> line(sb, s, m));
            line(sb, "total", total);
            served.appendCsv(sb);
            return sb.toString();
        }

        private void line(StringBuilder sb, String name, Map<String, Long> m) {
            sb.append(name);
            columns.forEach(col -> sb.append(',').append(m.getOrDefault(col, 0L)));
            sb.append("\r\n");
        }
    }

    public Future<Report> monthly(String site, YearMonth month) {
        return db.read(c -> {
            Map<String, Map<String, Long>> rows = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT station, metric, SUM(n), MAX(n) FROM usage_daily "
                    + "WHERE site = ? AND day >= ? AND day <= ? GROUP BY station, metric")) {
                ps.setString(1, site);
                ps.setString(2, month.atDay(1).toString());
                ps.setString(3, month.atEndOfMonth().toString());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String metric = rs.getString(2);
                        rows.computeIfAbsent(rs.getString(1), s -> new TreeMap<>()).put(metric,
                                metric.equals(UsageCounter.PEAK) ? rs.getLong(4) : rs.getLong(3));
                    }
                }
            }
            TreeSet<String> refusals = new TreeSet<>();
            Map<String, Long> total = new TreeMap<>();
            rows.values().forEach(m -> {
                long refused = 0;
                for (var e : m.entrySet()) {
                    if (e.getKey().startsWith("refusals.")) {
                        refusals.add(e.getKey());
                        refused += e.getValue();
                    }
                    total.merge(e.getKey(), e.getValue(), e.getKey().equals(UsageCounter.PEAK) ? Math::max
                            : Long::sum);
                }
                m.put("refusals", refused);
                total.merge("refusals", refused, Long::sum);
            });
            List<String> columns = new ArrayList<>(List.of("entries", "exits", "visits", "grants", "refusals"));
            columns.addAll(refusals);
            columns.addAll(List.of(UsageCounter.PEAK, "lockers.assigned", "lockers.opened", "alarms"));
            return new Report(site, month, columns, rows, total, VisitsServed.read(c, site,
                    month.atDay(1).atStartOfDay(zone).toInstant().toEpochMilli(),
                    month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant().toEpochMilli()));
        });
    }
}
