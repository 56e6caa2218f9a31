// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.commands;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.central.auth.Audit;
import org.unionkiosk.central.auth.User;
import org.unionkiosk.protocol.BadgeScope;
import org.unionkiosk.protocol.Topics;

/**
 * What every station in a scope must hold: revocations and suspensions (and their reversals). Each entry is sent
 * to every known station in scope at once, and again on every birth of a station that has not answered it yet
 * (desired vs reported), so a station that was offline catches up when it returns. A station's answer, ok or
 * refused, settles its delivery; a timeout does not.
 */
public final class Desired {
    private static final Logger log = LoggerFactory.getLogger(Desired.class);
    static final Set<String> COMMANDS = Set.of("revoke", "unrevoke", "suspend", "unsuspend");

    private final org.unionkiosk.central.store.Database db;
    private final Commands commands;
    private final Audit audit;
    private final Clock clock;

    public Desired(org.unionkiosk.central.store.Database db, Commands commands, Audit audit, Clock clock) {
        this.db = db;
        this.commands = commands;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Adds an entry and sends it to every known station in scope.
     *
     * @param scope {@code *} for the whole fleet, a site id, or {@code site/station}
     */
    public Future<Long> add(User who, String command, String argName, String value, String scope) {
        if (!COMMANDS.contains(command)) {
            return Future.failedFuture(new CommandException(CommandException.Kind.BAD_REQUEST, "command",
                    "must be one of " + COMMANDS));
        }
        CommandArgs.check(command, Map.of(argName, value));
        if (!validScope(scope)) {
            return Future.failedFuture(new CommandException(CommandException.Kind.BAD_REQUEST, "scope",
                    "must be *, a site id or site/station"));
        }
        return db.tx(c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO desired (command, arg_name, arg_value, scope, "
                    + "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
                ps.setString(1, command);
                ps.setString(2, argName);
                ps.setString(3, value);
                ps.setString(4, scope);
                ps.setString(5, who.name());
                ps.setLong(6, clock.millis());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            audit.record(c, who, "desired." + command, scope, argName + "=" + value);
            return id;
        }).compose(id -> stationsInScope(scope).compose(stations -> {
            long now = clock.millis();
            stations.forEach(s -> reconcile(s, now));
            return Future.succeededFuture(id);
        }));
    }

    /**
     * Sends a station every entry in its scope that it has not answered and that was not sent since {@code since}
     * (the time the birth was received): a birth means earlier sends may have gone to a dead connection, while
     * another instance handling the same birth has sent after it, so exactly one instance resends.
     */
    public void reconcile(String station, long since) {
        long now = clock.millis();
        String site = station.substring(0, station.indexOf('/'));
        db.tx(c -> {
            List<Object[]> todo = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT d.id, d.command, d.arg_name, d.arg_value "
                    + "FROM desired d LEFT JOIN desired_delivery x ON x.desired_id = d.id AND x.station = ? "
                    + "WHERE (d.scope = '*' OR d.scope = ? OR d.scope = ?) "
                    + "AND (x.outcome IS NULL OR (x.outcome NOT IN ('ok', 'refused') AND x.updated_at < ?)) "
                    + "ORDER BY d.id")) {
                ps.setString(1, station);
                ps.setString(2, site);
                ps.setString(3, station);
                ps.setLong(4, since);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        todo.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                    }
                }
            }
            List<Object[]> claimed = new ArrayList<>();
            for (Object[] d : todo) {
                if (claim(c, (Long) d[0], station, now, since)) {
                    claimed.add(d);
                }
            }
            return claimed;
        }).onSuccess(claimed -> {
            if (!claimed.isEmpty()) {
                log.info("Sending {} revocation/suspension entries to {}", claimed.size(), station);
            }
            String[] p = station.split("/", 2);
            for (Object[] d : claimed) {
                long id = (Long) d[0];
                commands.send("central", null, new Topics(p[0], p[1]), (String) d[1], Map.of((String) d[2],
                        (String) d[3]), id).onSuccess(r -> link(id, station, r.id()))
                        .onFailure(t -> log.warn("Entry {} not sent to {}: {}", id, station, t.toString()));
            }
        }).onFailure(t -> log.warn("Reconcile of {} failed: {}", station, t.toString()));
    }

    private static boolean claim(Connection c, long id, String station, long now, long since) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO desired_delivery (desired_id, station, outcome, "
                + "updated_at) VALUES (?, ?, 'sending', ?) ON CONFLICT (desired_id, station) DO UPDATE SET "
                + "outcome = 'sending', command_id = NULL, updated_at = excluded.updated_at "
                + "WHERE desired_delivery.outcome NOT IN ('ok', 'refused') AND desired_delivery.updated_at < ?")) {
            ps.setLong(1, id);
            ps.setString(2, station);
            ps.setLong(3, now);
            ps.setLong(4, since);
            return ps.executeUpdate() > 0;
        }
    }

    private void link(long id, String station, String commandId) {
        db.tx(c -> {
            // The answer may already have arrived and settled the delivery; keep it then.
            try (PreparedStatement ps = c.prepareStatement("UPDATE desired_delivery SET command_id = ?, "
                    + "outcome = COALESCE((SELECT CASE WHEN outcome = 'pending' THEN NULL ELSE outcome END "
                    + "FROM commands WHERE id = ?), 'pending'), updated_at = ? WHERE desired_id = ? AND station = ?")) {
                ps.setString(1, commandId);
                ps.setString(2, commandId);
                ps.setLong(3, clock.millis());
                ps.setLong(4, id);
                ps.setString(5, station);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private Future<List<String>> stationsInScope(String scope) {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT station FROM stations WHERE ? = '*' OR site = ? "
                    + "OR station = ?")) {
                ps.setString(1, scope);
                ps.setString(2, scope);
                ps.setString(3, scope);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    /** Every entry with each station's delivery. */
    public Future<JsonArray> list() {
        return db.read(c -> {
            JsonArray out = new JsonArray();
            Map<Long, JsonObject> byId = new java.util.LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT d.id, d.command, d.arg_name, d.arg_value, d.scope, "
                    + "d.created_by, d.created_at, x.station, x.outcome, x.command_id FROM desired d "
                    + "LEFT JOIN desired_delivery x ON x.desired_id = d.id ORDER BY d.id, x.station");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    JsonObject e = byId.computeIfAbsent(rs.getLong(1), k -> {
                        try {
                            JsonObject o = new JsonObject().put("id", k).put("command", rs.getString(2))
                                    .put("args", new JsonObject().put(rs.getString(3), rs.getString(4)))
                                    .put("scope", rs.getString(5)).put("createdBy", rs.getString(6))
                                    .put("createdAt", rs.getLong(7)).put("deliveries", new JsonArray());
                            out.add(o);
                            return o;
                        } catch (SQLException ex) {
                            throw new IllegalStateException(ex);
                        }
                    });
                    if (rs.getString(8) != null) {
                        e.getJsonArray("deliveries").add(new JsonObject().put("station", rs.getString(8))
                                .put("outcome", rs.getString(9)).put("commandId", rs.getString(10)));
                    }
                }
            }
            return out;
        });
    }

    private static boolean validScope(String scope) {
        if ("*".equals(scope)) {
            return true;
        }
        if (scope == null) {
            return false;
        }
        String[] p = scope.split("/", -1);
        return p.length <= 2 && BadgeScope.isId(p[0]) && (p.length == 1 || BadgeScope.isId(p[1]));
    }
}
