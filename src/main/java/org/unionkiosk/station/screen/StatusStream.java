// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.screen;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The {@code /events} listeners (server-sent status). Bounded so that no local client can fill the heap: at most
 * {@link #MAX_LISTENERS} at once (the next gets 503), pushes coalesced to one every {@link #MIN_GAP_MS} carrying
 * the latest status, and a listener whose queue is not drained (it does not read) is dropped instead of buffered.
 * Confined to the owning context.
 */
final class StatusStream {
    static final int MAX_LISTENERS = 8;
    static final long MIN_GAP_MS = 250;
    /** One status frame is ~1 KB: a listener more than a few frames behind is not reading. */
    static final int MAX_QUEUED_BYTES = 8 * 1024;
    /** A comment line keeps idle timeouts and proxies from closing a quiet but healthy stream. */
    private static final long HEARTBEAT_MS = 15_000;

    private final Vertx vertx;
    private final Supplier<String> status;
    private final List<HttpServerResponse> listeners = new ArrayList<>();
    private long pushTimer = -1;
    private long lastPushAt;
    private long heartbeat = -1;
    private long dropped;

    StatusStream(Vertx vertx, Supplier<String> status) {
        this.vertx = vertx;
        this.status = status;
    }

    /** Adds a listener, or answers 503 when the limit is reached. */
    void open(HttpServerResponse r) {
        if (listeners.size() >= MAX_LISTENERS) {
            r.setStatusCode(503).putHeader("retry-after", "5").end("too many listeners");
            return;
        }
        r.setChunked(true).setWriteQueueMaxSize(MAX_QUEUED_BYTES).putHeader("content-type", "text/event-stream")
                .putHeader("cache-control", "no-store");
        listeners.add(r);
        r.closeHandler(v -> listeners.remove(r));
        r.exceptionHandler(t -> listeners.remove(r));
        r.write("retry: 2000\n\ndata: " + status.get() + "\n\n");
        if (heartbeat < 0) {
            heartbeat = vertx.setPeriodic(HEARTBEAT_MS, t -> send(Buffer.buffer(": ping\n\n")));
        }
    }

    /** The status changed: push it soon, at most once per {@link #MIN_GAP_MS}, always the latest. */
    void changed() {
        if (listeners.isEmpty() || pushTimer >= 0) {
            return;
        }
        long wait = lastPushAt + MIN_GAP_MS - System.currentTimeMillis();
        if (wait <= 0) {
            push();
        } else {
            pushTimer = vertx.setTimer(wait, t -> {
                pushTimer = -1;
                push();
            });
        }
    }

    private void push() {
        lastPushAt = System.currentTimeMillis();
        if (!listeners.isEmpty()) {
            send(Buffer.buffer("data: " + status.get() + "\n\n"));
        }
    }

    private void send(Buffer frame) {
        for (HttpServerResponse r : List.copyOf(listeners)) {
            if (r.writeQueueFull()) {
                // Not reading: drop it rather than queue frames in the heap; a real screen reconnects (retry).
                listeners.remove(r);
                dropped++;
                r.reset();
            } else {
                r.write(frame);
            }
        }
        if (listeners.isEmpty() && heartbeat >= 0) {
            vertx.cancelTimer(heartbeat);
            heartbeat = -1;
        }
    }

    int size() {
        return listeners.size();
    }

    long dropped() {
        return dropped;
    }

    void close() {
        vertx.cancelTimer(pushTimer);
        vertx.cancelTimer(heartbeat);
        listeners.clear();
    }
}
