// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.unionkiosk.central.alarms.Alarms;
import org.unionkiosk.central.api.Api;
import org.unionkiosk.central.api.ErrorHandler;
import org.unionkiosk.central.auth.Audit;
import org.unionkiosk.central.auth.Authenticator;
import org.unionkiosk.central.auth.Sessions;
import org.unionkiosk.central.auth.Users;
import org.unionkiosk.central.commands.Commands;
import org.unionkiosk.central.commands.Desired;
import org.unionkiosk.central.ingest.Retention;
import org.unionkiosk.central.ingest.StationTopic;
import org.unionkiosk.central.usage.Usage;
import org.unionkiosk.central.usage.UsageCounter;
import org.unionkiosk.central.api.MemberRoutes;
import org.unionkiosk.central.api.ProvisioningRoutes;
import org.unionkiosk.central.provisioning.Provisioning;
import org.unionkiosk.central.api.UsageRoutes;
import org.unionkiosk.central.members.Members;
import org.unionkiosk.central.ingest.TopicHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.central.config.CentralConfig;
import org.unionkiosk.central.console.Console;
import org.unionkiosk.central.fleet.Fleet;
import org.unionkiosk.central.members.PhoneEntry;
import org.unionkiosk.central.members.StationKeys;
import org.unionkiosk.central.members.VisitLog;
import org.unionkiosk.central.power.PowerHours;
import org.unionkiosk.central.members.VisitRoutes;
import org.unionkiosk.central.members.Visits;
import org.unionkiosk.central.ingest.BrokerLink;
import org.unionkiosk.central.ingest.Ingest;
import org.unionkiosk.central.store.Database;

/**
 * Composition root of central: the only place that builds collaborators. Start order: database (migrated), HTTP,
 * then the broker link, so nothing is acknowledged before the store can take it.
 */
public final class CentralMain {
    private static final Logger log = LoggerFactory.getLogger(CentralMain.class);

    private final Vertx vertx;
    private final Clock clock;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private Database db;
    private BrokerLink link;
    private Ingest ingest;
    private HttpServer http;
    private Commands commands;
    private Retention retention;
    private Console console;
    private ProvisioningRoutes provisioningRoutes;

    public CentralMain(Vertx vertx, Clock clock) {
        this.vertx = vertx;
        this.clock = clock;
    }

    /** Starts everything; the future holds the HTTP port. */
    public Future<Integer> start(CentralConfig cfg) {
        Context ctx = vertx.getOrCreateContext();
        return vertx.executeBlocking(() -> Database.open(vertx, cfg.database())).compose(database -> {
            db = database;
            Audit audit = new Audit(clock);
            Users users = new Users(audit, clock);
            Authenticator auth = new Authenticator(db, users, new Sessions(cfg.secrets().sessionSecret(), clock),
                    audit, clock, cfg.http().secureCookies());
            Fleet fleet = new Fleet(db, cfg.fleet(), clock);
            Alarms alarms = new Alarms(vertx, db, fleet, audit, clock);
            console = new Console(vertx, db, auth, users, audit, fleet, alarms, clock,
                    cfg.usage().timeZone());
            Map<StationTopic.Kind, TopicHandler> handlers = new HashMap<>();
            fleet.handlers().forEach((kind, h) -> handlers.put(kind, console.watch(alarms.after(kind, h))));
            ingest = new Ingest(vertx, db, cfg.ingest(), List.of(new UsageCounter(cfg.usage().timeZone()),
                    alarms.sink(), new VisitLog()), handlers, metrics);
            retention = new Retention(vertx, db, java.time.Duration.ofDays(cfg.database().retentionDays()), clock);
            Usage usage = new Usage(db, cfg.usage().timeZone());
            Visits visits = new Visits(db, cfg.usage().timeZone());
            link = new BrokerLink(vertx, ctx, cfg.broker(), ingest);
            ingest.attach(link);
            commands = new Commands(vertx, db, cfg.fleet(), cfg.secrets().commandKey(), link::publish, audit, clock);
            handlers.put(StationTopic.Kind.RESPONSE, commands.responses());
            ingest.route(handlers);
            Desired desired = new Desired(db, commands, audit, clock);
            fleet.onBirth(desired::reconcile);
            Api api = new Api(db, auth, users, audit, fleet, commands, desired);
            Members members = new Members(db, cfg.secrets().memberDataKey(), cfg.secrets().badgeKey(), desired, audit,
                    clock);
            provisioningRoutes = new ProvisioningRoutes(new Provisioning(vertx, db, cfg.provisioning(),
                    cfg.secrets().badgeKey().publicKey(), cfg.secrets().commandKey().publicKey(), audit, clock));
            StationKeys stationKeys = new StationKeys(db, clock);
            return stationKeys.load(cfg.phone().stationKeysDir()).compose(n -> {
                log.info("{} station key(s) registered for phone entry", n);
                return api.router(vertx, routes -> {
                    provisioningRoutes.addTo(routes);
                    new UsageRoutes(usage, visits, clock).addTo(routes);
                    new MemberRoutes(members).addTo(routes);
                });
            }).map(router -> {
                console.mount(router);
                if (cfg.secrets().memberDataKey() != null) {
                    new PhoneEntry(vertx, db, cfg.phone(), stationKeys, cfg.secrets().memberDataKey(),
                            cfg.secrets().sessionSecret(), cfg.secrets().badgeKey(), cfg.instance(), fleet, commands,
                            clock, cfg.http().secureCookies()).mount(router, auth);
                }
                new VisitRoutes(visits, clock).mount(router, auth, vertx,
                        cfg.phone().visitRetentionDays());
                new PowerHours(db, cfg.usage().timeZone(), clock).mount(router, auth);
                return router;
            });
        }).compose(router -> {
            router.get("/health").handler(rc -> rc.json(health(cfg)));
            router.get("/metrics").handler(rc -> rc.response()
                    .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape()));
            provisioningRoutes.mountEnrol(router);
            router.route().last().handler(rc -> rc.fail(404));
            router.route().failureHandler(new ErrorHandler());
            return vertx.createHttpServer().requestHandler(router).listen(cfg.http().port(), cfg.http().host());
        }).compose(server -> {
            http = server;
            log.info("Central {} listening on http://{}:{}", cfg.instance(), cfg.http().host(), server.actualPort());
            // The first connect may wait for the broker; central serves HTTP meanwhile.
            ctx.runOnContext(v -> {
                commands.start();
                retention.start();
                link.start();
            });
            return Future.succeededFuture(server.actualPort());
        });
    }

    private JsonObject health(CentralConfig cfg) {
        boolean broker = link != null && link.connected();
        return new JsonObject().put("status", broker ? "up" : "degraded").put("instance", cfg.instance())
                .put("broker", broker ? "connected" : "disconnected").put("database", db.vendor().toString()
                        .toLowerCase()).put("ingestPending", ingest.pending());
    }

    public Future<Void> stop() {
        if (commands != null) {
            commands.stop();
            retention.stop();
        }
        Future<Void> live = console == null ? Future.succeededFuture() : console.stop();
        Future<Void> l = link == null ? Future.succeededFuture() : link.stop();
        return Future.join(live, l).compose(v -> http == null ? Future.succeededFuture() : http.close())
                .eventually(() -> {
            if (db != null) {
                return vertx.executeBlocking(() -> {
                    db.close();
                    return null;
                });
            }
            return Future.succeededFuture();
        }).mapEmpty();
    }
}
