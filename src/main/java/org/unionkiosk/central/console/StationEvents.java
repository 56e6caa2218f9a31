// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.console;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.unionkiosk.central.store.Database;

/**
 * One station's event log, newest first with keyset paging ({@code before} = the last seq shown). The charts come
 * from central's usage aggregates (/api/usage), not from here.
 */
final class StationEvents {
    private static final Pattern WORD = Pattern.compile("[a-z_.]{1,64}");

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

    StationEvents(Database db) {
        this.db = db;
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

    private static JsonObject fields(String body) {
        JsonObject o = new JsonObject(body);
        for (String k : List.of("v", "station", "seq", "ts", "type")) {
            o.remove(k);
        }
        return o;
    }
}
