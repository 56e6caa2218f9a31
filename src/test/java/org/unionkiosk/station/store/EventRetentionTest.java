// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.store;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.protocol.StationEvent;

@Timeout(value = 5, unit = SECONDS)
class EventRetentionTest {
    private static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");

    @TempDir
    Path dir;
    private Vertx vertx;
    private SqliteStationStore store;

    @BeforeEach
    void setUp() throws Exception {
        vertx = Vertx.vertx();
        store = SqliteStationStore.open(vertx, dir.resolve("station.db")).await(2, SECONDS);
    }

    @AfterEach
    void tearDown() throws Exception {
        store.close().await(2, SECONDS);
        vertx.close().await(2, SECONDS);
    }

    private long append(Instant at) throws Exception {
        return store.append(StationEvent.of("command.refused", at, "id", "x")).await(2, SECONDS);
    }

    private List<Long> seqs() throws Exception {
        return store.after(0, 1000).await(2, SECONDS).stream().map(StoredEvent::seq).toList();
    }

    @Test
    void prunesOnlyOldEventsCentralAlreadyHas() throws Exception {
        Instant old = NOW.minus(EventRetention.MAX_AGE).minus(Duration.ofDays(1));
        long oldSent = append(old);
        long oldUnsent = append(old);
        long recentSent = append(NOW.minus(Duration.ofDays(1)));
        store.markSent(List.of(oldSent, recentSent)).await(2, SECONDS);

        int pruned = new EventRetention(vertx, store, Clock.fixed(NOW, ZoneOffset.UTC)).prune().await(2, SECONDS);

        assertThat(pruned).isEqualTo(1);
        assertThat(seqs()).containsExactly(oldUnsent, recentSent);
    }

    @Test
    void keepsAtMostTheNewestRowsOfSentEvents() throws Exception {
        long first = append(NOW);
        long second = append(NOW);
        long third = append(NOW);
        store.markSent(List.of(first, second, third)).await(2, SECONDS);

        int pruned = store.pruneEvents(NOW.minus(Duration.ofDays(1)), 1).await(2, SECONDS);

        assertThat(pruned).isEqualTo(2);
        assertThat(seqs()).containsExactly(third);
    }
}
