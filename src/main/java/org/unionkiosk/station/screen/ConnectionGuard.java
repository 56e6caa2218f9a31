// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.screen;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashMap;
import java.util.Map;

/**
 * Bounds the local HTTP side: at most {@link #MAX_CONNECTIONS} open connections (more are closed at once), and a
 * connection must complete a request's headers within {@link #HEADER_TIMEOUT_MS} of opening or of its previous
 * response, so sockets that trickle a header byte now and then (slowloris) are closed. Idle sockets are closed by
 * the server's idle timeout. Confined to the server's context.
 */
final class ConnectionGuard {
    static final int MAX_CONNECTIONS = 128;
    static final long HEADER_TIMEOUT_MS = 10_000;

    private final Vertx vertx;
    /** Open connections and their header deadline timer (-1 while a request is being served). */
    private final Map<HttpConnection, Long> open = new HashMap<>();
    private long refused;

    ConnectionGuard(Vertx vertx) {
        this.vertx = vertx;
    }

    void connected(HttpConnection c) {
        if (open.size() >= MAX_CONNECTIONS) {
            refused++;
            c.close();
            return;
        }
        open.put(c, awaitHeaders(c));
        c.closeHandler(v -> {
            Long timer = open.remove(c);
            if (timer != null) {
                vertx.cancelTimer(timer);
            }
        });
    }

    /** The request's headers arrived: its connection has no header deadline until the response ends. */
    void request(HttpServerRequest req) {
        HttpConnection c = req.connection();
        Long timer = open.get(c);
        if (timer != null) {
            vertx.cancelTimer(timer);
            open.put(c, -1L);
        }
        req.response().endHandler(v -> {
            if (open.containsKey(c)) {
                open.put(c, awaitHeaders(c)); // keep-alive: the next request's headers are due in time too
            }
        });
    }

    private long awaitHeaders(HttpConnection c) {
        return vertx.setTimer(HEADER_TIMEOUT_MS, t -> {
            Long current = open.get(c);
            if (current != null && current.longValue() == t.longValue()) {
                c.close();
            }
        });
    }

    int open() {
        return open.size();
    }

    long refused() {
        return refused;
    }
}
