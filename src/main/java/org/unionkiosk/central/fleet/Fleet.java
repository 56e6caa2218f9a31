// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.central.config.FleetConfig;
import org.unionkiosk.central.ingest.StationTopic;
import org.unionkiosk.central.ingest.TopicHandler;
import org.unionkiosk.central.store.Database;

/**
 * The stations: presence from retained births and wills (the highest {@code session} wins, so an older session's
 * late will never marks a live station offline), last status with health, reported config, and staleness when
 * status stops. Kept in the database so every instance and every restart agrees.
 */
public final class Fleet {
    private static final Logger log = LoggerFactory.getLogger(Fleet.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final FleetConfig cfg;
    private final Clock clock;
    private final List<BiConsumer<String, Long>> births = new CopyOnWriteArrayList<>();

    public Fleet(Database db, FleetConfig cfg, Clock clock) {
        this.db = db;
        this.cfg = cfg;
        this.clock = clock;
    }

    /**
     * {@code listener} hears the station ref and receive time of every birth newer than what was known, on the
     * ingest context.
     */
    public void onBirth(BiConsumer<String, Long> listener) {
        births.add(listener);
    }

    /** The handlers ingest routes state, status, reported config and self-test reports to. */
    public Map<StationTopic.Kind, TopicHandler> handlers() {
        return Map.of(StationTopic.Kind.STATE, this::state, StationTopic.Kind.STATUS, this::status,
                StationTopic.Kind.CONFIG_REPORTED, this::configReported, StationTopic.Kind.SELFTEST, this::selftest);
    }

    private Future<Void> state(StationTopic t, byte[] payload, long at) {
        JsonNode n = object(payload);
        if (!n.path("online").isBoolean() || !n.path("session").canConvertToLong()) {
            return Future.failedFuture(new TopicHandler.RejectedPayload("malformed",
                    "state needs boolean online and integer session"));
        }
        boolean online = n.get("online").asBoolean();
        long session = n.get("session").asLong();
        String boot = text(n, "boot");
        String version = text(n, "version");
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO stations (station, site, online, session, "
                    + "state_at, boot, version) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (station) DO UPDATE SET "
                    + "online = excluded.online, session = excluded.session, state_at = excluded.state_at, "
                    + "boot = COALESCE(excluded.boot, stations.boot), "
                    + "version = COALESCE(excluded.version, stations.version) "
                    + "WHERE excluded.session > stations.session OR (excluded.session = stations.session "
                    + "AND excluded.online <> stations.online)")) {
                ps.setString(1, t.ref());
                ps.setString(2, t.site());
                ps.setInt(3, online ? 1 : 0);
                ps.setLong(4, session);
                ps.setLong(5, at);
                ps.setString(6, boot);
                ps.setString(7, version);
                return ps.executeUpdate() > 0;
            }
        }).map(changed -> {
            if (changed) {
                log.info("Station {} is {} (session {})", t.ref(), online ? "online" : "offline", session);
                if (online) {
                    births.forEach(b -> b.accept(t.ref(), at));
                }
            } else {
                log.debug("State of {} session {} ignored: a newer session is known", t.ref(), session);
            }
            return null;
        });
    }

    private Future<Void> status(StationTopic t, byte[] payload, long at) {
        object(payload);
        String doc = new String(payload, StandardCharsets.UTF_8);
        return upsertDocument(t, "status", "status_at", doc, at);
    }

    private Future<Void> configReported(StationTopic t, byte[] payload, long at) {
        object(payload);
        return upsertDocument(t, "reported_config", "config_at", new String(payload, StandardCharsets.UTF_8), at);
    }

    /** A retained report comes again on every reconnect, and an older one may arrive late: the latest test wins. */
    private Future<Void> selftest(StationTopic t, byte[] payload, long received) {
        JsonNode n;
        try {
            n = object(payload);
        } catch (TopicHandler.RejectedPayload e) {
            return Future.failedFuture(e);
        }
        long at;
        try {
            at = Instant.parse(n.path("at").asText()).toEpochMilli();
        } catch (RuntimeException e) {
            return Future.failedFuture(new TopicHandler.RejectedPayload("malformed",
                    "selftest needs at, an ISO-8601 instant"));
        }
        if (!n.path("results").isArray()) {
            return Future.failedFuture(new TopicHandler.RejectedPayload("malformed", "selftest needs results"));
        }
        String doc = new String(payload, StandardCharsets.UTF_8);
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO stations (station, site, selftest, "
                    + "selftest_at) VALUES (?, ?, ?, ?) ON CONFLICT (station) DO UPDATE SET selftest = "
                    + "excluded.selftest, selftest_at = excluded.selftest_at WHERE stations.selftest_at IS NULL "
                    + "OR excluded.selftest_at >= stations.selftest_at")) {
                ps.setString(1, t.ref());
                ps.setString(2, t.site());
                ps.setString(3, doc);
                ps.setLong(4, at);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private Future<Void> upsertDocument(StationTopic t, String column, String atColumn, String doc, long at) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO stations (station, site, " + column + ", "
                    + atColumn + ") VALUES (?, ?, ?, ?) ON CONFLICT (station) DO UPDATE SET " + column + " = excluded."
                    + column + ", " + atColumn + " = excluded." + atColumn)) {
                ps.setString(1, t.ref());
                ps.setString(2, t.site());
                ps.setString(3, doc);
                ps.setLong(4, at);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Every station, or those of one site, by station ref. */
    public Future<List<StationView>> list(String site) {
        long now = clock.millis();
        return db.read(c -> {
            List<StationView> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT s.station, s.site, s.online, s.session, s.state_at, "
                    + "s.version, s.status_at, s.status, s.reported_config, q.stored, q.min_seq, q.max_seq, "
                    + "q.duplicates, s.selftest FROM stations s LEFT JOIN station_seq q ON q.station = s.station"
                    + (site == null ? "" : " WHERE s.site = ?") + " ORDER BY s.station")) {
                if (site != null) {
                    ps.setString(1, site);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(view(rs, now));
                    }
                }
            }
            return out;
        });
    }

    /** One station, or null if central never heard of it. */
    public Future<StationView> get(String station) {
        long now = clock.millis();
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT s.station, s.site, s.online, s.session, s.state_at, "
                    + "s.version, s.status_at, s.status, s.reported_config, q.stored, q.min_seq, q.max_seq, "
                    + "q.duplicates, s.selftest FROM stations s LEFT JOIN station_seq q ON q.station = s.station "
                    + "WHERE s.station = ?")) {
                ps.setString(1, station);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? view(rs, now) : null;
                }
            }
        });
    }

    private StationView view(ResultSet rs, long now) throws SQLException {
        long session = rs.getLong(4);
        Long stateAt = nullableLong(rs, 5);
        Long statusAt = nullableLong(rs, 7);
        Presence p;
        if (stateAt == null) {
            p = Presence.UNKNOWN;
        } else if (rs.getInt(3) == 0) {
            p = Presence.OFFLINE;
        } else {
            long last = Math.max(stateAt, statusAt == null ? 0 : statusAt);
            p = now - last > cfg.staleAfter().toMillis() ? Presence.STALE : Presence.ONLINE;
        }
        long stored = rs.getLong(10);
        long min = rs.getLong(11);
        long max = rs.getLong(12);
        return new StationView(rs.getString(1), rs.getString(2), p, session, stateAt, rs.getString(6), statusAt,
                json(rs.getString(8)), json(rs.getString(9)), stored, stored == 0 ? -1 : max,
                stored == 0 ? 0 : max - min + 1 - stored, rs.getLong(13), json(rs.getString(14)));
    }

    private static Long nullableLong(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }

    private static JsonObject json(String s) {
        try {
            return s == null ? null : new JsonObject(s);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static JsonNode object(byte[] payload) {
        try {
            JsonNode n = JSON.readTree(payload);
            if (n != null && n.isObject()) {
                return n;
            }
        } catch (Exception e) {
            throw new TopicHandler.RejectedPayload("malformed", "not JSON: " + e.getMessage());
        }
        throw new TopicHandler.RejectedPayload("malformed", "not a JSON object");
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v != null && v.isTextual() && v.asText().length() <= 64 ? v.asText() : null;
    }
}
