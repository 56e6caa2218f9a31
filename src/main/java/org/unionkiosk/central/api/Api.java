// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.unionkiosk.central.auth.Audit;
import org.unionkiosk.central.auth.Authenticator;
import org.unionkiosk.central.auth.Permission;
import org.unionkiosk.central.auth.Role;
import org.unionkiosk.central.auth.User;
import org.unionkiosk.central.auth.Users;
import org.unionkiosk.central.commands.Commands;
import org.unionkiosk.central.commands.Desired;
import org.unionkiosk.central.fleet.Fleet;
import org.unionkiosk.central.ingest.Rejects;
import org.unionkiosk.central.store.Database;

/**
 * The /api router, generated from {@code central/openapi.yaml} (served at {@code /api/openapi.yaml}), which also
 * validates every request before a handler sees it. Each operation names the permission it needs; the guard
 * (session, CSRF) runs first for all but login and the document itself.
 */
public final class Api {
    public static final String CONTRACT = "central/openapi.yaml";
    private static final int BODY_LIMIT = 64 * 1024;

    /** A handler's answer when it is not 200. */
    record Reply(int status, Object body) {
    }

    private final Database db;
    private final Authenticator auth;
    private final Users users;
    private final Audit audit;
    private final Fleet fleet;
    private final Commands commands;
    private final Desired desired;

    public Api(Database db, Authenticator auth, Users users, Audit audit, Fleet fleet, Commands commands,
               Desired desired) {
        this.db = db;
        this.auth = auth;
        this.users = users;
        this.audit = audit;
        this.fleet = fleet;
        this.commands = commands;
        this.desired = desired;
    }

    /** Builds the router; {@code extra} may add more operations (members, usage) before it is created. */
    public Future<Router> router(Vertx vertx, java.util.function.Consumer<Routes> extra) {
        return Future.all(OpenAPIContract.from(vertx, CONTRACT), vertx.fileSystem().readFile(CONTRACT)).map(both -> {
            OpenAPIContract contract = both.resultAt(0);
            String doc = ((io.vertx.core.buffer.Buffer) both.resultAt(1)).toString(StandardCharsets.UTF_8);
            RouterBuilder b = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
            b.rootHandler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
            b.rootHandler(NulGuard::check);
            b.rootHandler(rc -> {
                String path = rc.request().path();
                if (path.equals("/api/login") || path.equals("/api/openapi.yaml") || !path.startsWith("/api/")) {
                    rc.next();
                } else {
                    auth.guard(rc);
                }
            });
            Routes routes = new Routes(b);
            addOperations(routes);
            extra.accept(routes);
            Router router = b.createRouter();
            router.get("/api/openapi.yaml").handler(rc -> rc.response()
                    .putHeader("content-type", "application/yaml; charset=utf-8").end(doc));
            return router;
        });
    }

    /** Adds handlers to operations of the contract. */
    public static final class Routes {
        private final RouterBuilder builder;

        Routes(RouterBuilder builder) {
            this.builder = builder;
        }

        /**
         * {@code handler} answers with a JSON value (200), a {@link Reply}, or null (204); a failed future goes to
         * the error handler.
         */
        public void on(String operationId, Permission needed, BiFunction<RoutingContext, User, Future<?>> handler) {
            builder.getRoute(operationId).addHandler(rc -> {
                Future<?> f;
                try {
                    User u = needed == null ? null : Authenticator.require(rc, needed);
                    f = handler.apply(rc, u);
                } catch (RuntimeException e) {
                    f = Future.failedFuture(e);
                }
                f.onSuccess(r -> reply(rc, r)).onFailure(rc::fail);
            });
        }

        private static void reply(RoutingContext rc, Object r) {
            if (rc.response().ended()) {
                return;
            }
            int status = 200;
            Object body = r;
            if (r instanceof Reply rep) {
                status = rep.status();
                body = rep.body();
            }
            if (body == null) {
                rc.response().setStatusCode(status == 200 ? 204 : status).end();
                return;
            }
            String json = body instanceof JsonObject o ? o.encode() : body instanceof JsonArray a ? a.encode()
                    : String.valueOf(body);
            rc.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
                    .putHeader("cache-control", "no-store").end(json);
        }
    }

    /** The validated request of an operation. */
    public static ValidatedRequest request(RoutingContext rc) {
        return rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    }

    public static String path(RoutingContext rc, String name) {
        return request(rc).getPathParameters().get(name).getString();
    }

    public static JsonObject body(RoutingContext rc) {
        return request(rc).getBody().getJsonObject();
    }

    public static int limit(RoutingContext rc) {
        RequestParameter p = request(rc).getQuery().get("limit");
        return p == null || p.isNull() ? 100 : p.getInteger();
    }

    private void addOperations(Routes r) {
        r.on("login", null, (rc, u) -> {
            JsonObject b = body(rc);
            return auth.login(rc, b.getString("username"), b.getString("password").toCharArray()).map(this::session);
        });
        r.on("logout", Permission.READ, (rc, u) -> auth.logout(rc));
        r.on("session", Permission.READ, (rc, u) -> Future.succeededFuture(session(u)));
        r.on("listStations", Permission.READ, (rc, u) -> {
            RequestParameter site = request(rc).getQuery().get("site");
            return fleet.list(site == null || site.isNull() ? null : site.getString()).map(list -> {
                JsonArray a = new JsonArray();
                list.forEach(s -> a.add(s.toJson()));
                return a;
            });
        });
        r.on("getStation", Permission.READ, (rc, u) -> fleet.get(ref(rc)).map(s -> found(s, ref(rc)).toJson()));
        r.on("listCommands", Permission.READ, (rc, u) -> commands.list(ref(rc), limit(rc)).map(list -> {
            JsonArray a = new JsonArray();
            list.forEach(c -> a.add(c.toJson()));
            return a;
        }));
        r.on("sendCommand", Permission.COMMAND, (rc, u) -> {
            JsonObject b = body(rc);
            Map<String, String> args = new LinkedHashMap<>();
            JsonObject a = b.getJsonObject("args", new JsonObject());
            a.forEach(e -> args.put(e.getKey(), String.valueOf(e.getValue())));
            return commands.send(u, path(rc, "site"), path(rc, "station"), b.getString("name"), args)
                    .map(c -> new Reply(202, c.toJson()));
        });
        r.on("getCommand", Permission.READ, (rc, u) -> commands.get(path(rc, "id"))
                .map(c -> found(c, "command " + path(rc, "id")).toJson()));
        r.on("listDesired", Permission.READ, (rc, u) -> desired.list());
        r.on("addDesired", Permission.MANAGE_MEMBERS, (rc, u) -> {
            JsonObject b = body(rc);
            return desired.add(u, b.getString("command"), b.getString("argName"), b.getString("value"),
                    b.getString("scope")).map(id -> new Reply(201, new JsonObject().put("id", id)));
        });
        r.on("listRejects", Permission.READ, (rc, u) -> db.read(c -> Rejects.summary(c, limit(rc))));
        r.on("listUsers", Permission.MANAGE_USERS, (rc, u) -> db.read(users::list).map(list -> {
            JsonArray a = new JsonArray();
            list.forEach(x -> a.add(new JsonObject().put("name", x.name()).put("role", x.role().toString())
                    .put("createdAt", x.createdAt())));
            return a;
        }));
        r.on("addUser", Permission.MANAGE_USERS, (rc, u) -> {
            JsonObject b = body(rc);
            String password = b.getString("password");
            return auth.hash(rc.vertx(), password == null ? null : password.toCharArray()).compose(h -> db.tx(c -> {
                users.add(c, b.getString("name"), Role.parse(b.getString("role")), h, u.name(), u.address());
                return new Reply(201, new JsonObject().put("name", b.getString("name")));
            }));
        });
        r.on("listAudit", Permission.MANAGE_USERS, (rc, u) -> db.read(c -> Audit.latest(c, limit(rc))));
    }

    private JsonObject session(User u) {
        return new JsonObject().put("user", u.name()).put("role", u.role().toString())
                .put("csrfToken", u.csrfToken());
    }

    private static String ref(RoutingContext rc) {
        return path(rc, "site") + "/" + path(rc, "station");
    }

    private static <T> T found(T value, String what) {
        if (value == null) {
            throw ApiException.notFound("no " + what);
        }
        return value;
    }
}
