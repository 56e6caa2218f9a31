// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.alarms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.central.auth.Audit;
import org.unionkiosk.central.auth.User;
import org.unionkiosk.central.fleet.Fleet;
import org.unionkiosk.central.fleet.Presence;
import org.unionkiosk.central.ingest.EventSink;
import org.unionkiosk.central.ingest.IngestedEvent;
import org.unionkiosk.central.ingest.StationTopic;
import org.unionkiosk.central.ingest.TopicHandler;
import org.unionkiosk.central.store.Database;

/**
 * The alarm table: raised and cleared from station events (inside ingest's transaction, so an event and its alarm
 * commit together), from status documents and from presence (after the fleet has stored them). Every change is
 * published on the event bus at {@link #ADDRESS} for the console's live feed.
 */
public final class Alarms {
    private static final Logger log = LoggerFactory.getLogger(Alarms.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String ADDRESS = "central.alarms";
    private static final String COLUMNS = "id, station, site, code, subject, severity, raised_at, detail, cleared_at, "
            + "acked_by, acked_at, ack_note";

    private final Vertx vertx;
    private final Database db;
    private final Fleet fleet;
    private final Audit audit;
    private final Clock clock;

    public Alarms(Vertx vertx, Database db, Fleet fleet, Audit audit, Clock clock) {
        this.vertx = vertx;
        this.db = db;
        this.fleet = fleet;
        this.audit = audit;
        this.clock = clock;
    }

    /** Raises and clears alarms from newly stored events, in ingest's transaction. */
    public EventSink sink() {
        return (c, events) -> {
            List<JsonObject> notices = new ArrayList<>();
            for (IngestedEvent e : events) {
                for (AlarmRules.Change ch : AlarmRules.fromEvent(e.type(), e.fields())) {
                    apply(c, e.station(), e.site(), ch, e.ts(), notices);
                }
            }
            // Published before ingest commits: the console refetches at its next batch (500 ms later), and a
            // rolled-back batch is redelivered and raises nothing twice, so at worst a notice comes early or twice.
            notices.forEach(this::publish);
        };
    }

    /**
     * Wraps the fleet's state or status handler: after the fleet has stored the message, presence raises or
     * clears {@code station_offline}, and a status decides the conditions it carries.
     */
    public TopicHandler after(StationTopic.Kind kind, TopicHandler fleetHandler) {
        return (t, payload, at) -> fleetHandler.handle(t, payload, at).compose(v -> switch (kind) {
            case STATE -> fleet.get(t.ref()).compose(s -> s == null ? Future.succeededFuture()
                    : change(t, new AlarmRules.Change(new AlarmRules.Key(AlarmCode.STATION_OFFLINE, ""),
                            s.presence() == Presence.OFFLINE, null), at));
            case STATUS -> status(t, payload, at);
            default -> Future.succeededFuture();
        });
    }

    private Future<Void> change(StationTopic t, AlarmRules.Change ch, long at) {
        return db.tx(c -> {
            List<JsonObject> notices = new ArrayList<>();
            apply(c, t.ref(), t.site(), ch, at, notices);
            return notices;
        }).map(notices -> {
            notices.forEach(this::publish);
            return null;
        });
    }

    private Future<Void> status(StationTopic t, byte[] payload, long at) {
        JsonNode s;
        try {
            s = JSON.readTree(payload);
        } catch (Exception e) {
            return Future.succeededFuture(); // the fleet handler has rejected it already
        }
        Map<AlarmRules.Key, String> active = AlarmRules.fromStatus(s);
        return db.tx(c -> {
            List<JsonObject> notices = new ArrayList<>();
            Map<AlarmRules.Key, Long> open = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT code, subject FROM alarms WHERE station = ? "
                    + "AND cleared_at IS NULL")) {
                ps.setString(1, t.ref());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        AlarmCode code = AlarmCode.parse(rs.getString(1));
                        if (code != null && AlarmRules.STATUS_CODES.contains(code)) {
                            open.put(new AlarmRules.Key(code, rs.getString(2)), 0L);
                        }
                    }
                }
            }
            for (AlarmRules.Key k : open.keySet()) {
                if (!active.containsKey(k)) {
                    apply(c, t.ref(), t.site(), new AlarmRules.Change(k, false, null), at, notices);
                }
            }
            for (Map.Entry<AlarmRules.Key, String> a : active.entrySet()) {
                if (!open.containsKey(a.getKey())) {
                    apply(c, t.ref(), t.site(), new AlarmRules.Change(a.getKey(), true, a.getValue()), at, notices);
                }
            }
            return notices;
        }).map(notices -> {
            notices.forEach(this::publish);
            return null;
        });
    }

    private void apply(Connection c, String station, String site, AlarmRules.Change ch, long at,
                       List<JsonObject> notices) throws SQLException {
        AlarmRules.Key k = ch.key();
        if (ch.raise()) {
            // The partial unique index decides, so concurrent batches (PostgreSQL) cannot raise an alarm twice.
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO alarms (station, site, code, subject, severity, "
                    + "raised_at, detail) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (station, code, subject) "
                    + "WHERE cleared_at IS NULL DO NOTHING")) {
                ps.setString(1, station);
                ps.setString(2, site);
                ps.setString(3, k.code().code());
                ps.setString(4, k.subject());
                ps.setString(5, k.code().severity().toString());
                ps.setLong(6, at);
                ps.setString(7, truncate(ch.detail()));
                if (ps.executeUpdate() > 0) {
                    log.info("Alarm {} raised at {}{}", k.code().code(), station,
                            k.subject().isEmpty() ? "" : " (" + k.subject() + ")");
                    notices.add(openAlarm(c, station, k).put("change", "raised"));
                }
            }
        } else {
            JsonObject was = openAlarm(c, station, k);
            if (was == null) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE alarms SET cleared_at = ? WHERE id = ?")) {
                ps.setLong(1, Math.max(at, was.getLong("raisedAt")));
                ps.setLong(2, was.getLong("id"));
                ps.executeUpdate();
            }
            log.info("Alarm {} cleared at {}", k.code().code(), station);
            notices.add(was.put("clearedAt", at).put("change", "cleared"));
        }
    }

    private static JsonObject openAlarm(Connection c, String station, AlarmRules.Key k) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM alarms WHERE station = ? "
                + "AND code = ? AND subject = ? AND cleared_at IS NULL")) {
            ps.setString(1, station);
            ps.setString(2, k.code().code());
            ps.setString(3, k.subject());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? row(rs) : null;
            }
        }
    }

    /** Alarms newest first: open ones only, or all; of one station or all ({@code station} null). */
    public Future<JsonArray> list(boolean openOnly, String station, int limit) {
        return db.read(c -> {
            JsonArray out = new JsonArray();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM alarms WHERE 1 = 1"
                    + (openOnly ? " AND cleared_at IS NULL" : "") + (station == null ? "" : " AND station = ?")
                    + " ORDER BY raised_at DESC, id DESC LIMIT ?")) {
                int i = 1;
                if (station != null) {
                    ps.setString(i++, station);
                }
                ps.setInt(i, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
            }
            return out;
        });
    }

    /** Open alarms per station ref, for the fleet's counts. */
    public Future<Map<String, Integer>> openCounts() {
        return db.read(c -> {
            Map<String, Integer> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT station, COUNT(*) FROM alarms "
                    + "WHERE cleared_at IS NULL GROUP BY station");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
            }
            return out;
        });
    }

    /** Records who acknowledged an alarm, when and why (audited); acknowledging twice is refused. */
    public Future<JsonObject> acknowledge(User who, long id, String note) {
        if (note == null || note.isBlank() || note.length() > 500) {
            return Future.failedFuture(new IllegalArgumentException("note: must be 1..500 characters"));
        }
        long now = clock.millis();
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE alarms SET acked_by = ?, acked_at = ?, ack_note = ? "
                    + "WHERE id = ? AND acked_at IS NULL")) {
                ps.setString(1, who.name());
                ps.setLong(2, now);
                ps.setString(3, note.strip());
                ps.setLong(4, id);
                if (ps.executeUpdate() == 0) {
                    throw new IllegalArgumentException("id: no unacknowledged alarm " + id);
                }
            }
            JsonObject a;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM alarms WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    a = row(rs);
                }
            }
            audit.record(c, who, "alarm.ack", a.getString("station") + " " + a.getString("code"), note.strip());
            return a;
        }).map(a -> {
            publish(a.copy().put("change", "acknowledged"));
            return a;
        });
    }

    private void publish(JsonObject notice) {
        vertx.eventBus().publish(ADDRESS, notice);
    }

    private static JsonObject row(ResultSet rs) throws SQLException {
        return new JsonObject().put("id", rs.getLong(1)).put("station", rs.getString(2)).put("site", rs.getString(3))
                .put("code", rs.getString(4)).put("subject", rs.getString(5)).put("severity", rs.getString(6))
                .put("raisedAt", rs.getLong(7)).put("detail", rs.getString(8)).put("clearedAt", nullable(rs, 9))
                .put("ackedBy", rs.getString(10)).put("ackedAt", nullable(rs, 11)).put("ackNote", rs.getString(12));
    }

    private static Long nullable(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }
}
