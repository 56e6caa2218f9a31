// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.power;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;
import org.unionkiosk.central.auth.Authenticator;
import org.unionkiosk.central.auth.Permission;
import org.unionkiosk.central.store.Database;

/**
 * Hours powered per station, output and month from the stations' {@code power.on} / {@code power.off} events
 * (station time): each on-interval clipped to the month, an output still on counted up to now. Served as
 * {@code GET /console/api/power-hours?month=2026-03[&site=sz]}. Reads raw events, so months older than
 * {@code database.retentionDays} come back empty.
 */
public final class PowerHours {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Database db;
    private final ZoneId zone;
    private final Clock clock;

    public PowerHours(Database db, ZoneId zone, Clock clock) {
        this.db = db;
        this.zone = zone;
        this.clock = clock;
    }

    public void mount(Router router, Authenticator auth) {
        router.get("/console/api/power-hours").handler(auth::guard);
        router.get("/console/api/power-hours").handler(this::serve);
    }

    private void serve(RoutingContext rc) {
        Authenticator.require(rc, Permission.READ);
        YearMonth month;
        try {
            String m = rc.queryParams().get("month");
            month = m == null ? YearMonth.now(clock.withZone(zone)) : YearMonth.parse(m);
        } catch (DateTimeParseException e) {
            rc.response().setStatusCode(400).putHeader("content-type", "application/json").end(new JsonObject()
                    .put("error", "bad_request").put("field", "month").put("message", "YYYY-MM").encode());
            return;
        }
        hours(rc.queryParams().get("site"), month).onSuccess(rc::json).onFailure(rc::fail);
    }

    public Future<JsonObject> hours(String site, YearMonth month) {
        long from = month.atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
        long to = Math.min(month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant().toEpochMilli(),
                clock.millis());
        return db.read(c -> {
            Map<String, Long> onSince = new TreeMap<>();
            Map<String, Long> total = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT station, type, ts, body FROM events WHERE type IN "
                    + "('power.on', 'power.off') AND ts < ?" + (site == null ? "" : " AND station LIKE ?")
                    + " ORDER BY station, seq")) {
                ps.setLong(1, to);
                if (site != null) {
                    ps.setString(2, site + "/%");
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        JsonNode body = JSON.readTree(rs.getString(4));
                        String key = rs.getString(1) + "\t" + body.path("output").asText("?");
                        long ts = rs.getLong(3);
                        total.putIfAbsent(key, 0L);
                        if (rs.getString(2).equals("power.on")) {
                            onSince.putIfAbsent(key, ts);
                        } else {
                            Long since = onSince.remove(key);
                            if (since != null) {
                                total.merge(key, overlap(since, ts, from, to), Long::sum);
                            }
                        }
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.sql.SQLException("stored power event is not JSON", e);
            }
            onSince.forEach((key, since) -> total.merge(key, overlap(since, to, from, to), Long::sum));
            JsonArray rows = new JsonArray();
            total.forEach((key, ms) -> {
                String[] k = key.split("\t");
                rows.add(new JsonObject().put("station", k[0]).put("output", k[1])
                        .put("hours", Math.round(ms / 36_000.0) / 100.0));
            });
            return new JsonObject().put("month", month.toString()).put("site", site).put("rows", rows);
        });
    }

    private static long overlap(long start, long end, long from, long to) {
        return Math.max(0, Math.min(end, to) - Math.max(start, from));
    }
}
