// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.screen;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * Serves {@code /} (the screen page packaged in the jar, and nothing else from any directory), {@code /status}
 * (JSON), {@code /health} (200 or 503 naming the failing parts) and {@code /events} (server-sent status updates,
 * which keep the screen live without polling). Every resource a local client can hold is bounded: connections,
 * header time, idle time, header size, listeners and their queues ({@link ConnectionGuard}, {@link StatusStream}).
 * Runs on the station context; the suppliers are called there.
 */
public final class ScreenServer {
    static final int IDLE_TIMEOUT_SECONDS = 60;
    private static final String PAGE = page();

    private final Vertx vertx;
    private final Supplier<JsonObject> status;
    private final Supplier<List<String>> problems;
    private final StatusStream stream;
    private final ConnectionGuard guard;
    private final ScreenExtension extension;
    private final Buffer page;
    private HttpServer server;

    public ScreenServer(Vertx vertx, Supplier<JsonObject> status, Supplier<List<String>> problems,
                        ScreenExtension extension) {
        this.vertx = vertx;
        this.extension = extension;
        this.page = Buffer.buffer(PAGE.replace("</body>", extension.pageFragment() + "</body>"));
        this.status = status;
        this.problems = problems;
        this.stream = new StatusStream(vertx, () -> status.get().encode());
        this.guard = new ConnectionGuard(vertx);
    }

    public Future<Integer> listen(String host, int port) {
        // No h2c: its protocol sniffing holds a socket before the connection handler sees it, outside every bound.
        HttpServerOptions options = new HttpServerOptions().setHttp2ClearTextEnabled(false)
                .setIdleTimeout(IDLE_TIMEOUT_SECONDS)
                .setMaxInitialLineLength(2048).setMaxHeaderSize(8192).setSendBufferSize(64 * 1024)
                .setCompressionSupported(false);
        return vertx.createHttpServer(options).connectionHandler(guard::connected).requestHandler(this::handle)
                .listen(port, host).map(s -> {
                    server = s;
                    return s.actualPort();
                });
    }

    private void handle(HttpServerRequest req) {
        guard.request(req);
        if (extension.handle(req)) {
            return;
        }
        if (req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD) {
            req.response().setStatusCode(405).putHeader("allow", "GET, HEAD").end();
            return;
        }
        switch (req.path()) {
            case "/", "/index.html" -> req.response().putHeader("content-type", "text/html; charset=utf-8")
                    .putHeader("cache-control", "no-store").end(page);
            case "/status" -> req.response().putHeader("content-type", "application/json")
                    .putHeader("cache-control", "no-store").end(status.get().encode());
            case "/health" -> {
                List<String> p = problems.get();
                req.response().setStatusCode(p.isEmpty() ? 200 : 503).putHeader("content-type", "application/json")
                        .end(new JsonObject().put("status", p.isEmpty() ? "up" : "down").put("problems", p).encode());
            }
            case "/events" -> stream.open(req.response());
            default -> req.response().setStatusCode(404).end();
        }
    }

    /** Pushes the current status to every open screen, coalesced to a few pushes a second. */
    public void publish() {
        stream.changed();
    }

    /** Counters for /status: open connections and listeners, and those refused or dropped. */
    public JsonObject health() {
        return new JsonObject().put("connections", guard.open()).put("connectionsRefused", guard.refused())
                .put("listeners", stream.size()).put("listenersDropped", stream.dropped());
    }

    public Future<Void> close() {
        stream.close();
        return server == null ? Future.succeededFuture() : server.close();
    }

    private static String page() {
        try (InputStream in = ScreenServer.class.getResourceAsStream("/screen/index.html")) {
            if (in == null) {
                throw new IllegalStateException("screen/index.html missing from the jar");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
