// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.unionkiosk.central.store.Database;

/**
 * One station's event log, newest first with keyset paging ({@code before} = the last seq shown), and the data of
 * its charts. Both read the events table of that station only, bounded by time, in central's time zone.
 */
final class StationEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern WORD = Pattern.compile("[a-z_.]{1,64}");
    static final int DAYS = 30;

    /** Filters of the log; nulls mean any. */
    record Filter(String type, String reason, Long from, Long to, Long before, int limit) {
        Filter {
            if (type != null && !WORD.matcher(type).matches()) {
                throw new IllegalArgumentException("type: must be an event type such as access.denied, was " + type);
            }
            if (reason != null && !WORD.matcher(reason).matches()) {
                throw new IllegalArgumentException("reason: must be a reason code such as revoked, was " + reason);
            }
            if (limit < 1 || limit > 500) {
                throw new IllegalArgumentException("limit: must be 1..500, was " + limit);
            }
        }
    }

    private final Database db;
    private final Clock clock;

    StationEvents(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    Future<JsonArray> page(String station, Filter f) {
        StringBuilder sql = new StringBuilder("SELECT seq, ts, type, body FROM events WHERE station = ?");
        List<Object> args = new ArrayList<>(List.of(station));
        if (f.type() != null) {
            // A prefix ("access.") matches a family of types.
            sql.append(f.type().endsWith(".") ? " AND type LIKE ?" : " AND type = ?");
            args.add(f.type().endsWith(".") ? f.type() + "%" : f.type());
        }
        if (f.reason() != null) {
            sql.append(" AND body LIKE ?");
            args.add("%\"reason\":\"" + f.reason() + "\"%");
        }
        if (f.from() != null) {
            sql.append(" AND ts >= ?");
            args.add(f.from());
        }
        if (f.to() != null) {
            sql.append(" AND ts < ?");
            args.add(f.to());
        }
        if (f.before() != null) {
            sql.append(" AND seq < ?");
            args.add(f.before());
        }
        sql.append(" ORDER BY seq DESC LIMIT ?");
        args.add(f.limit());
        return db.read(c -> {
            JsonArray out = new JsonArray();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new JsonObject().put("seq", rs.getLong(1)).put("ts", rs.getLong(2))
                                .put("type", rs.getString(3)).put("fields", fields(rs.getString(4))));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Entries (granted at an entry scanner) per hour today and per day for {@link #DAYS} days, people inside over
     * today, and lockers assigned per day.
     */
    Future<JsonObject> charts(String station) {
        ZoneId zone = clock.getZone();
        LocalDate today = LocalDate.now(clock);
        long dayStart = today.atStartOfDay(zone).toInstant().toEpochMilli();
        LocalDate first = today.minusDays(DAYS - 1L);
        long since = first.atStartOfDay(zone).toInstant().toEpochMilli();
        return db.read(c -> {
            long[] perHour = new long[24];
            long[] perDay = new long[DAYS];
            long[] lockers = new long[DAYS];
            JsonArray insideAt = new JsonArray();
            JsonArray inside = new JsonArray();
            try (PreparedStatement ps = c.prepareStatement("SELECT ts, type, body FROM events WHERE station = ? "
                    + "AND ts >= ? AND type IN ('access.granted', 'occupancy.entered', 'occupancy.exited', "
                    + "'occupancy.reset', 'locker.assigned') ORDER BY ts")) {
                ps.setString(1, station);
                ps.setLong(2, since);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long ts = rs.getLong(1);
                        String type = rs.getString(2);
                        ZonedDateTime at = Instant.ofEpochMilli(ts).atZone(zone);
                        int day = (int) (at.toLocalDate().toEpochDay() - first.toEpochDay());
                        if (day < 0 || day >= DAYS) {
                            continue;
                        }
                        JsonNode f = JSON.readTree(rs.getString(3));
                        switch (type) {
                            case "access.granted" -> {
                                if (isEntry(f)) {
                                    perDay[day]++;
                                    if (ts >= dayStart) {
                                        perHour[at.getHour()]++;
                                    }
                                }
                            }
                            case "locker.assigned" -> lockers[day]++;
                            default -> {
                                if (ts >= dayStart && f.path("inside").isNumber()) {
                                    insideAt.add(ts / 1000);
                                    inside.add(f.get("inside").asInt());
                                }
                            }
                        }
                    }
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new SQLException("stored event is not JSON", e);
            }
            JsonArray days = new JsonArray();
            for (int i = 0; i < DAYS; i++) {
                days.add(first.plusDays(i).atStartOfDay(zone).toEpochSecond());
            }
            JsonArray hours = new JsonArray();
            for (int h = 0; h < 24; h++) {
                hours.add(today.atStartOfDay(zone).plusHours(h).toEpochSecond());
            }
            return new JsonObject().put("hours", hours).put("entriesPerHour", array(perHour)).put("days", days)
                    .put("entriesPerDay", array(perDay)).put("lockersPerDay", array(lockers))
                    .put("insideAt", insideAt).put("inside", inside);
        });
    }

    /** A visit: granted at an entry scanner (events from before roles were recorded count too). */
    static boolean isEntry(JsonNode f) {
        String role = f.path("role").asText("entry");
        return role.equals("entry");
    }

    private static JsonArray array(long[] v) {
        JsonArray a = new JsonArray();
        for (long x : v) {
            a.add(x);
        }
        return a;
    }

    private static JsonObject fields(String body) {
        JsonObject o = new JsonObject(body);
        for (String k : List.of("v", "station", "seq", "ts", "type")) {
            o.remove(k);
        }
        return o;
    }
}
