// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.api;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import org.unionkiosk.central.auth.Permission;
import org.unionkiosk.central.members.Visits;
import org.unionkiosk.central.usage.Usage;

/**
 * The usage operations: a series per hour, day or month, a site's monthly report as JSON or CSV, and visits served
 * by occupation for a day, week, month or year.
 */
public final class UsageRoutes {
    private static final int MAX_DAYS = 366;
    private final Usage usage;
    private final Visits visits;
    private final Clock clock;

    public UsageRoutes(Usage usage, Visits visits, Clock clock) {
        this.usage = usage;
        this.visits = visits;
        this.clock = clock;
    }

    public void addTo(Api.Routes r) {
        r.on("usageSeries", Permission.READ, (rc, u) -> {
            LocalDate from = date(rc, "from");
            LocalDate to = date(rc, "to");
            if (to.isBefore(from) || from.plusDays(MAX_DAYS).isBefore(to)) {
                throw ApiException.badRequest("to", "must be on or after from, at most " + MAX_DAYS + " days later");
            }
            Usage.Step step = Usage.Step.valueOf(query(rc, "step", "day").toUpperCase());
            return usage.series(query(rc, "site", null), query(rc, "station", null) == null ? null
                    : query(rc, "site", null) + "/" + query(rc, "station", null), step, from, to);
        });
        r.on("usageMonthly", Permission.READ, (rc, u) -> {
            YearMonth month;
            try {
                month = YearMonth.parse(Api.path(rc, "month"));
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("month", "must be YYYY-MM");
            }
            boolean csv = "csv".equals(query(rc, "format", "json"));
            return usage.monthly(Api.path(rc, "site"), month).compose(report -> {
                if (csv) {
                    rc.response().putHeader("content-type", "text/csv; charset=utf-8")
                            .putHeader("content-disposition", "attachment; filename=\"usage-" + report.site() + "-"
                                    + report.month() + ".csv\"").end(report.toCsv());
                    return Future.succeededFuture();
                }
                return Future.succeededFuture(report.toJson());
            });
        });
        addVisits(r);
    }

    private void addVisits(Api.Routes r) {
        r.on("visitsReport", Permission.READ, (rc, u) -> {
            String at = query(rc, "at", null);
            Visits.Period period = Visits.Period.of(query(rc, "period", "month"), at == null
                    ? LocalDate.now(clock.withZone(visits.zone())) : date(rc, "at"));
            boolean csv = "csv".equals(query(rc, "format", "json"));
            return visits.report(query(rc, "site", null), period).compose(report -> {
                if (csv) {
                    rc.response().putHeader("content-type", "text/csv; charset=utf-8")
                            .putHeader("content-disposition", "attachment; filename=\"visits-" + period.unit() + "-"
                                    + period.from() + ".csv\"").end(Visits.csv(report));
                    return Future.succeededFuture();
                }
                return Future.succeededFuture(report);
            });
        });
    }

    private static String query(RoutingContext rc, String name, String fallback) {
        RequestParameter p = Api.request(rc).getQuery().get(name);
        return p == null || p.isNull() ? fallback : p.getString();
    }

    private static LocalDate date(RoutingContext rc, String name) {
        try {
            return LocalDate.parse(query(rc, name, ""));
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name, "must be a date YYYY-MM-DD");
        }
    }
}
