// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.screen;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Serves {@code /} (the screen page), {@code /status} (JSON), {@code /health} (200 or 503 naming the failing
 * parts) and {@code /events} (server-sent status updates, which keep the screen live without polling).
 * Runs on the station context; the suppliers are called there.
 */
public final class ScreenServer {
    private final Vertx vertx;
    private final Supplier<JsonObject> status;
    private final Supplier<List<String>> problems;
    private final List<HttpServerResponse> listeners = new ArrayList<>();
    private HttpServer server;

    public ScreenServer(Vertx vertx, Supplier<JsonObject> status, Supplier<List<String>> problems) {
        this.vertx = vertx;
        this.status = status;
        this.problems = problems;
    }

    public Future<Integer> listen(String host, int port) {
        Router router = Router.router(vertx);
        router.get("/status").handler(rc -> rc.response().putHeader("content-type", "application/json")
                .putHeader("cache-control", "no-store").end(status.get().encode()));
        router.get("/health").handler(rc -> {
            List<String> p = problems.get();
            rc.response().setStatusCode(p.isEmpty() ? 200 : 503).putHeader("content-type", "application/json")
                    .end(new JsonObject().put("status", p.isEmpty() ? "up" : "down").put("problems", p).encode());
        });
        router.get("/events").handler(rc -> {
            HttpServerResponse r = rc.response().setChunked(true).putHeader("content-type", "text/event-stream")
                    .putHeader("cache-control", "no-store");
            listeners.add(r);
            r.closeHandler(v -> listeners.remove(r));
            r.write("retry: 2000\n\ndata: " + status.get().encode() + "\n\n");
        });
        router.route("/*").handler(StaticHandler.create("screen").setCachingEnabled(false));
        return vertx.createHttpServer().requestHandler(router).listen(port, host).map(s -> {
            server = s;
            return s.actualPort();
        });
    }

    /** Pushes the current status to every open screen. */
    public void publish() {
        if (listeners.isEmpty()) {
            return;
        }
        String frame = "data: " + status.get().encode() + "\n\n";
        for (HttpServerResponse r : List.copyOf(listeners)) {
            if (r.writeQueueFull()) {
                r.reset();
                listeners.remove(r);
            } else {
                r.write(frame);
            }
        }
    }

    public Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }
}
