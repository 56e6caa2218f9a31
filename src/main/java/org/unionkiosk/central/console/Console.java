// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.console;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.time.Clock;
import java.time.ZoneId;
import java.util.TreeSet;
import org.unionkiosk.central.alarms.Alarms;
import org.unionkiosk.central.auth.Audit;
import org.unionkiosk.central.auth.Authenticator;
import org.unionkiosk.central.auth.Permission;
import org.unionkiosk.central.auth.Role;
import org.unionkiosk.central.auth.User;
import org.unionkiosk.central.auth.Users;
import org.unionkiosk.central.fleet.Fleet;
import org.unionkiosk.central.fleet.StationView;
import org.unionkiosk.central.ingest.TopicHandler;
import org.unionkiosk.central.store.Database;

/**
 * The admin console: static pages under {@code /console/} (plain HTML and small JavaScript modules calling the
 * API), chart library from its WebJar under {@code /webjars/}, the console's own read endpoints under
 * {@code /console/api/} (same session and CSRF guard as /api), and the wall display under {@code /wall/{token}},
 * which needs no login but a live link token.
 */
public final class Console {
    private static final String ASSETS = "central/console";

    private final Database db;
    private final Users users;
    private final Authenticator auth;
    private final Fleet fleet;
    private final Alarms alarms;
    private final LiveFeed live;
    private final StationEvents events;
    private final WallDisplay wall;

    /** {@code zone} is usage's: the wall counts days as the reports do. */
    public Console(Vertx vertx, Database db, Authenticator auth, Users users, Audit audit, Fleet fleet, Alarms alarms,
                   Clock clock, ZoneId zone) {
        this.db = db;
        this.users = users;
        this.auth = auth;
        this.fleet = fleet;
        this.alarms = alarms;
        this.live = new LiveFeed(vertx, fleet, alarms, auth);
        this.events = new StationEvents(db);
        this.wall = new WallDisplay(db, audit, clock, zone);
    }

    /** Wraps an ingest handler so stored station messages reach open consoles. */
    public TopicHandler watch(TopicHandler h) {
        return live.watch(h);
    }

    /** Adds the console's routes; call on the context that should own the live feed. */
    /** Stops the live feed's timers and event-bus consumer. */
    public Future<Void> stop() {
        return live.stop();
    }

    public void mount(Router router) {
        live.start();
        router.route().handler(rc -> {
            String p = rc.request().path();
            if (p.startsWith("/console") || p.startsWith("/wall/")) {
                // Console pages load only their own scripts and styles and are never framed.
                rc.response().putHeader("content-security-policy", "default-src 'self'; style-src 'self' "
                        + "'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'")
                        .putHeader("x-content-type-options", "nosniff");
            }
            rc.next();
        });
        router.get("/").handler(rc -> redirect(rc, "/console/"));
        router.get("/console").handler(rc -> {
            // Vert.x matches "/console/" here too: only the bare path is redirected.
            if (rc.request().path().equals("/console")) {
                redirect(rc, "/console/");
            } else {
                rc.next();
            }
        });
        router.route("/console/api/*").handler(auth::guard);
        router.get("/console/api/live").handler(live::subscribe);
        router.get("/console/api/fleet").handler(rc -> reply(rc, fleetRows(rc.queryParams().get("site"))));
        router.get("/console/api/alarms").handler(rc -> reply(rc, alarms.list(!"all".equals(
                rc.queryParams().get("state")), rc.queryParams().get("station"), limit(rc))));
        router.post("/console/api/alarms/:id/ack").handler(rc -> {
            User u = Authenticator.require(rc, Permission.COMMAND);
            JsonObject b = JsonBody.object(rc);
            reply(rc, alarms.acknowledge(u, number(rc.pathParam("id"), "id"), JsonBody.text(b, "note")));
        });
        router.get("/console/api/stations/:site/:station/events").handler(rc -> reply(rc,
                events.page(ref(rc), filter(rc))));
        router.patch("/console/api/users/:name").handler(rc -> {
            User u = Authenticator.require(rc, Permission.MANAGE_USERS);
            JsonObject b = JsonBody.object(rc);
            String role = JsonBody.text(b, "role");
            String password = JsonBody.text(b, "password");
            if (role != null && Role.parse(role) == null) {
                throw new IllegalArgumentException("role: one of admin, technician, viewer, was " + role);
            }
            reply(rc, auth.hash(rc.vertx(), password == null ? null : password.toCharArray()).compose(h -> db.tx(c -> {
                users.update(c, rc.pathParam("name"), Role.parse(role), h, u.name(), u.address());
                return null;
            })));
        });
        router.get("/console/api/wall-links").handler(rc -> {
            Authenticator.require(rc, Permission.MANAGE_USERS);
            reply(rc, wall.list());
        });
        router.post("/console/api/wall-links").handler(rc -> {
            User u = Authenticator.require(rc, Permission.MANAGE_USERS);
            reply(rc, wall.create(u, JsonBody.text(JsonBody.object(rc), "label")));
        });
        router.delete("/console/api/wall-links/:id").handler(rc -> {
            User u = Authenticator.require(rc, Permission.MANAGE_USERS);
            reply(rc, wall.revoke(u, rc.pathParam("id")));
        });
        router.get("/wall/:token").handler(rc -> wall.valid(rc.pathParam("token")).onSuccess(ok -> {
            if (ok) {
                rc.response().putHeader("cache-control", "no-store").putHeader("referrer-policy", "no-referrer")
                        .sendFile(ASSETS + "/wall.html");
            } else {
                rc.response().setStatusCode(404).putHeader("content-type", "text/plain; charset=utf-8")
                        .end("This wall display link is not valid (revoked or mistyped). Ask an admin for a new one.");
            }
        }).onFailure(rc::fail));
        router.get("/wall/:token/data").handler(rc -> wall.valid(rc.pathParam("token")).onSuccess(ok -> {
            if (!ok) {
                rc.fail(404);
                return;
            }
            reply(rc, Future.all(wall.visits(), fleetRows(null), alarms.list(true, null, 50)).map(cf -> {
                JsonObject f = cf.resultAt(1);
                return new JsonObject().put("visits", cf.resultAt(0)).put("stations", f.getJsonArray("stations"))
                        .put("alarms", tickerAlarms(cf.resultAt(2)));
            }));
        }).onFailure(rc::fail));
        router.route("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars"));
        router.route("/console/*").handler(StaticHandler.create(ASSETS).setIndexPage("index.html")
                .setMaxAgeSeconds(300));
    }

    /**
     * What the wall's alarm ticker shows and no more: the link needs no login, so acknowledgement notes, staff names
     * and station-supplied details stay behind it.
     */
    static JsonArray tickerAlarms(JsonArray alarms) {
        JsonArray out = new JsonArray();
        for (int i = 0; i < alarms.size(); i++) {
            JsonObject a = alarms.getJsonObject(i);
            out.add(new JsonObject().put("station", a.getString("station")).put("code", a.getString("code"))
                    .put("subject", a.getString("subject")).put("severity", a.getString("severity")));
        }
        return out;
    }

    private Future<JsonObject> fleetRows(String site) {
        return Future.all(fleet.list(site), alarms.openCounts()).map(cf -> {
            java.util.List<StationView> list = cf.resultAt(0);
            java.util.Map<String, Integer> counts = cf.resultAt(1);
            JsonArray rows = new JsonArray();
            TreeSet<String> sites = new TreeSet<>();
            for (StationView s : list) {
                rows.add(FleetRow.of(s, counts.getOrDefault(s.station(), 0)));
                sites.add(s.site());
            }
            return new JsonObject().put("stations", rows).put("sites", new JsonArray(new java.util.ArrayList<>(sites)));
        });
    }

    private static StationEvents.Filter filter(RoutingContext rc) {
        var q = rc.queryParams();
        return new StationEvents.Filter(blank(q.get("type")), blank(q.get("reason")), optNumber(q.get("from"), "from"),
                optNumber(q.get("to"), "to"), optNumber(q.get("before"), "before"),
                q.get("limit") == null ? 50 : (int) number(q.get("limit"), "limit"));
    }

    private static int limit(RoutingContext rc) {
        String l = rc.queryParams().get("limit");
        long n = l == null ? 200 : number(l, "limit");
        if (n < 1 || n > 1000) {
            throw new IllegalArgumentException("limit: must be 1..1000, was " + n);
        }
        return (int) n;
    }

    private static String ref(RoutingContext rc) {
        return rc.pathParam("site") + "/" + rc.pathParam("station");
    }

    private static long number(String s, String name) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": must be a whole number, was " + s);
        }
    }

    private static Long optNumber(String s, String name) {
        return blank(s) == null ? null : number(s, name);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static void redirect(RoutingContext rc, String to) {
        rc.response().setStatusCode(302).putHeader("location", to).end();
    }

    private static void reply(RoutingContext rc, Future<?> f) {
        f.onSuccess(v -> {
            if (v == null) {
                rc.response().setStatusCode(204).end();
            } else {
                rc.response().putHeader("content-type", "application/json; charset=utf-8")
                        .putHeader("cache-control", "no-store").end(v instanceof JsonObject o ? o.encode()
                                : ((JsonArray) v).encode());
            }
        }).onFailure(rc::fail);
    }
}
