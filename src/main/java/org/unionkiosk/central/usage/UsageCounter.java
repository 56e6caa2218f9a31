// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.usage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.unionkiosk.central.ingest.EventSink;
import org.unionkiosk.central.ingest.IngestedEvent;

/**
 * Counts newly stored events into per-station hourly and daily aggregates, in ingest's transaction, so a count is
 * never taken twice nor lost (see docs/central.md "Usage" for what each metric means). Hours and days are in
 * {@code zone}. An event whose station clock is off (more than a day ahead of its arrival, or before 2020) is
 * counted at its arrival time instead, and counted as {@code clock_skew}.
 */
public final class UsageCounter implements EventSink {
    public static final String PEAK = "occupancy.peak";
    private static final long SKEW_MS = 86_400_000L;
    private static final long EARLIEST = Instant.parse("2020-01-01T00:00:00Z").toEpochMilli();

    private final ZoneId zone;

    public UsageCounter(ZoneId zone) {
        this.zone = zone;
    }

    private record Key(String station, long hour, String metric) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = station.compareTo(o.station);
            if (c == 0) {
                c = Long.compare(hour, o.hour);
            }
            return c == 0 ? metric.compareTo(o.metric) : c;
        }
    }

    /** The metrics one event adds to, with the amount (or the level, for the peak). */
    static Map<String, Long> metrics(IngestedEvent e) {
        Map<String, Long> m = new TreeMap<>();
        switch (e.type()) {
            case "access.granted" -> m.put("grants", 1L);
            case "access.denied" -> m.put("refusals." + reason(e), 1L);
            case "occupancy.entered" -> {
                m.put("entries", 1L);
                m.put("visits", 1L);
            }
            case "occupancy.exited" -> m.put("exits", 1L);
            case "locker.assigned" -> m.put("lockers.assigned", 1L);
            case "locker.opened" -> m.put("lockers.opened", 1L);
            default -> {
                if (e.type().startsWith("alarm.") && !e.type().equals("alarm.cleared")) {
                    m.put("alarms", 1L);
                }
            }
        }
        if (e.type().startsWith("occupancy.") && e.fields().path("inside").canConvertToLong()) {
            m.put(PEAK, Math.max(0, e.fields().get("inside").asLong()));
        }
        return m;
    }

    private static String reason(IngestedEvent e) {
        String r = e.fields().path("reason").asText("unknown");
        return r.matches("[a-z_]{1,32}") ? r : "other";
    }

    @Override
    public void stored(Connection c, List<IngestedEvent> events) throws SQLException {
        Map<Key, Long> hourly = new TreeMap<>();
        Map<String, String> sites = new java.util.HashMap<>();
        for (IngestedEvent e : events) {
            long at = e.ts();
            Map<String, Long> m = metrics(e);
            if (at > e.receivedAt() + SKEW_MS || at < EARLIEST) {
                at = e.receivedAt();
                m.put("clock_skew", 1L);
            }
            if (m.isEmpty()) {
                continue;
            }
            sites.put(e.station(), e.site());
            long hour = ZonedDateTime.ofInstant(Instant.ofEpochMilli(at), zone).truncatedTo(ChronoUnit.HOURS)
                    .toInstant().toEpochMilli();
            for (var x : m.entrySet()) {
                hourly.merge(new Key(e.station(), hour, x.getKey()), x.getValue(),
                        x.getKey().equals(PEAK) ? Math::max : Long::sum);
            }
        }
        if (hourly.isEmpty()) {
            return;
        }
        Map<Key, Long> daily = new TreeMap<>();
        Map<Long, String> days = new java.util.HashMap<>();
        for (var x : hourly.entrySet()) {
            String day = days.computeIfAbsent(x.getKey().hour(), h -> LocalDate.ofInstant(Instant.ofEpochMilli(h),
                    zone).toString());
            // The day as a key: its first hour is not needed, the text is stored.
            daily.merge(new Key(x.getKey().station(), LocalDate.parse(day).toEpochDay(), x.getKey().metric()),
                    x.getValue(), x.getKey().metric().equals(PEAK) ? Math::max : Long::sum);
        }
        upsert(c, "usage_hourly", "hour", hourly, sites, false);
        upsert(c, "usage_daily", "day", daily, sites, true);
    }

    private static void upsert(Connection c, String table, String column, Map<Key, Long> rows,
                               Map<String, String> sites, boolean dayText) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (station, site, " + column
                + ", metric, n) VALUES (?, ?, ?, ?, ?) ON CONFLICT (station, " + column + ", metric) DO UPDATE SET "
                + "n = CASE WHEN excluded.metric <> '" + PEAK + "' THEN " + table + ".n + excluded.n "
                + "WHEN excluded.n > " + table + ".n THEN excluded.n ELSE " + table + ".n END")) {
            for (var x : rows.entrySet()) {
                Key k = x.getKey();
                ps.setString(1, k.station());
                ps.setString(2, sites.get(k.station()));
                if (dayText) {
                    ps.setString(3, LocalDate.ofEpochDay(k.hour()).toString());
                } else {
                    ps.setLong(3, k.hour());
                }
                ps.setString(4, k.metric());
                ps.setLong(5, x.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
