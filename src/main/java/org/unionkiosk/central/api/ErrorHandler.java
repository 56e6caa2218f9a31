// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.api;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.central.auth.AuthException;
import org.unionkiosk.central.commands.CommandException;
import org.unionkiosk.central.members.MemberException;
import org.unionkiosk.central.provisioning.ProvisioningException;

/**
 * The one place a failure becomes an HTTP answer: each typed exception maps to its status and a JSON body
 * {@code {"error", "message", "field"}}; a 400 names the field. Anything unexpected is a 500 with an id to find
 * in the log, never a stack trace to the client.
 */
public final class ErrorHandler implements Handler<RoutingContext> {
    private static final Logger log = LoggerFactory.getLogger(ErrorHandler.class);

    @Override
    public void handle(RoutingContext rc) {
        Throwable t = rc.failure();
        int httpStatus = -1;
        if (t instanceof HttpException h) {
            // The validation and body handlers wrap the cause (a schema error, a body over the limit).
            httpStatus = h.getStatusCode();
            t = h.getCause();
        }
        int status;
        String code;
        String message;
        String field = null;
        if (t instanceof AuthException a) {
            status = a.status();
            code = a.kind().name().toLowerCase();
            message = a.getMessage();
        } else if (t instanceof ApiException a) {
            status = a.status();
            code = status == 404 ? "not_found" : "bad_request";
            message = a.getMessage();
            field = a.field();
        } else if (t instanceof CommandException c) {
            status = switch (c.kind()) {
                case BAD_REQUEST -> 400;
                case UNKNOWN_STATION -> 404;
                case BROKER_DOWN -> 503;
            };
            code = c.kind().name().toLowerCase();
            message = c.getMessage();
            field = c.field();
        } else if (t instanceof MemberException m) {
            status = m.status();
            code = status == 404 ? "not_found" : status == 409 ? "conflict" : "bad_request";
            message = m.getMessage();
            field = m.field();
        } else if (t instanceof ProvisioningException p) {
            status = p.kind().status;
            code = p.kind().code();
            message = p.getMessage();
            field = p.field();
        } else if (t instanceof SchemaValidationException s) {
            status = 400;
            code = "bad_request";
            field = field(s.getOutputUnit());
            message = s.getMessage();
        } else if (t instanceof ValidatorException v) {
            status = 400;
            code = "bad_request";
            message = v.getMessage();
        } else if (t instanceof IllegalArgumentException i && i.getMessage() != null
                && i.getMessage().matches("[A-Za-z.]+: .*")) {
            status = 400;
            code = "bad_request";
            field = i.getMessage().substring(0, i.getMessage().indexOf(':'));
            message = i.getMessage();
        } else if (t == null) {
            status = httpStatus > 0 ? httpStatus : rc.statusCode() > 0 ? rc.statusCode() : 500;
            code = status == 404 ? "not_found" : status == 405 ? "method_not_allowed"
                    : status == 413 ? "too_large" : "error";
            message = status == 404 ? "no such resource" : status == 413 ? "body over the limit"
                    : "request refused";
        } else {
            status = 500;
            code = "internal";
            String id = UUID.randomUUID().toString().substring(0, 8);
            message = "internal error " + id + " (see central's log)";
            log.error("Request {} {} failed, error {}", rc.request().method(), rc.request().path(), id, t);
        }
        if (rc.response().ended()) {
            return;
        }
        JsonObject body = new JsonObject().put("error", code).put("message", message);
        if (field != null && !field.isEmpty()) {
            body.put("field", field);
        }
        rc.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
    }

    /** The first failing instance location, as a dotted field name ({@code /args/ms} to {@code args.ms}). */
    private static String field(OutputUnit u) {
        if (u == null) {
            return null;
        }
        if (u.getErrors() != null) {
            for (OutputUnit e : u.getErrors()) {
                String f = field(e);
                if (f != null && !f.isEmpty()) {
                    return f;
                }
            }
        }
        String loc = u.getInstanceLocation();
        if (loc == null) {
            return null;
        }
        String f = loc.replaceFirst("^#?/?", "").replace('/', '.');
        if (f.isEmpty() && u.getError() != null) {
            // "Instance does not have required property \"name\""
            var m = java.util.regex.Pattern.compile("property \"([^\"]+)\"").matcher(u.getError());
            return m.find() ? m.group(1) : null;
        }
        return f;
    }
}
