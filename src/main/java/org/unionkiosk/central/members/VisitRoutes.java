// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.members;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.central.auth.Authenticator;
import org.unionkiosk.central.auth.Permission;

/**
 * {@code GET /console/api/visits?period=month&at=2026-03-01[&site=sz]} (JSON) and {@code …/visits.csv} (the same
 * breakdown as CSV) for signed-in users; prunes visits past {@code phone.visitRetentionDays} every six hours.
 */
public final class VisitRoutes {
    private static final Logger log = LoggerFactory.getLogger(VisitRoutes.class);
    private static final long PRUNE_MS = 6 * 3_600_000L;
    private final Visits visits;
    private final Clock clock;

    public VisitRoutes(Visits visits, Clock clock) {
        this.visits = visits;
        this.clock = clock;
    }

    public void mount(Router router, Authenticator auth, Vertx vertx, int retentionDays) {
        router.get("/console/api/visits").handler(auth::guard);
        router.get("/console/api/visits.csv").handler(auth::guard);
        router.get("/console/api/visits").handler(rc -> report(rc, false));
        router.get("/console/api/visits.csv").handler(rc -> report(rc, true));
        vertx.setPeriodic(1000, PRUNE_MS, t -> visits.prune(retentionDays, clock.millis())
                .onSuccess(n -> {
                    if (n > 0) {
                        log.info("Pruned {} visit(s) older than {} days", n, retentionDays);
                    }
                }).onFailure(e -> log.warn("Visit pruning failed: {}", e.toString())));
    }

    private void report(RoutingContext rc, boolean csv) {
        Authenticator.require(rc, Permission.READ);
        String site = rc.queryParams().get("site");
        Visits.Period period;
        try {
            String at = rc.queryParams().get("at");
            period = Visits.Period.of(rc.queryParams().get("period") == null ? "month" : rc.queryParams()
                    .get("period"), at == null ? LocalDate.now(clock.withZone(visits.zone())) : LocalDate.parse(at));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            rc.response().setStatusCode(400).putHeader("content-type", "application/json")
                    .end(new io.vertx.core.json.JsonObject().put("error", "bad_request").put("field",
                            e instanceof DateTimeParseException ? "at" : "period").put("message", e.getMessage())
                            .encode());
            return;
        }
        visits.report(site, period).onSuccess(r -> {
            if (csv) {
                rc.response().putHeader("content-type", "text/csv; charset=utf-8").putHeader("content-disposition",
                        "attachment; filename=\"visits-" + period.unit() + "-" + period.from() + ".csv\"")
                        .end(Visits.csv(r));
            } else {
                rc.json(r);
            }
        }).onFailure(rc::fail);
    }
}
