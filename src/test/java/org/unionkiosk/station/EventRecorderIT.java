// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.protocol.StationEvent;
import org.unionkiosk.station.store.SqliteStationStore;

/** A clean stop stores the events still waiting for a locked database before its own stop event, in that order. */
@Timeout(value = 60, unit = SECONDS)
class EventRecorderIT {
    @TempDir
    Path dir;
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(5, SECONDS);
    }

    @Test
    void drainStoresTheWaitingEventsThenTheLastOneOnceTheDatabaseIsFree() throws Exception {
        Path file = dir.resolve("station.db");
        SqliteStationStore store = SqliteStationStore.open(vertx, file, false).await(5, SECONDS);
        Context ctx = vertx.getOrCreateContext();
        EventRecorder recorder = new EventRecorder(vertx, store, Clock.systemUTC(), 90);
        Future<Void> drained;
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            // Another writer holds the database longer than the store's busy timeout (5 s).
            other.createStatement().execute("BEGIN EXCLUSIVE");
            on(ctx, () -> {
                recorder.record(event("access.denied"));
                return null;
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> String.valueOf(on(ctx, recorder::problem))
                    .contains("events waiting"));
            drained = on(ctx, () -> recorder.drain(event("station.stopped"), Duration.ofSeconds(20)));
            Thread.sleep(500);
            other.createStatement().execute("COMMIT");
        }

        drained.await(30, SECONDS);
        assertThat(types(file)).containsExactly("access.denied", "station.stopped");
        assertThat(on(ctx, recorder::problem)).isNull();
        store.close().await(5, SECONDS);
    }

    private static StationEvent event(String type) {
        return StationEvent.of(type, Instant.parse("2026-11-27T03:00:00Z"));
    }

    private static List<String> types(Path file) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             var rs = c.createStatement().executeQuery("SELECT type FROM events ORDER BY seq")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Runs {@code work} on the recorder's context, as the station does, and waits for its value. */
    private static <T> T on(Context ctx, Callable<T> work) throws Exception {
        Promise<T> p = Promise.promise();
        ctx.runOnContext(v -> {
            try {
                p.complete(work.call());
            } catch (Exception e) {
                p.fail(e);
            }
        });
        return p.future().await(5, SECONDS);
    }
}
