// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.store;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.protocol.Badges;
import org.unionkiosk.protocol.StationEvent;
import org.unionkiosk.protocol.TrustedKey;

@Timeout(value = 5, unit = SECONDS)
class SqliteStationStoreTest {
    @TempDir
    Path dir;
    private Vertx vertx;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() throws Exception {
        vertx.close().await(2, SECONDS);
    }

    private SqliteStationStore open() throws Exception {
        return SqliteStationStore.open(vertx, dir.resolve("station.db"), true).await(2, SECONDS);
    }

    private static StationEvent event(int i) {
        return StationEvent.of("door.opened", Instant.parse("2026-11-27T03:00:00Z"), "n", i);
    }

    @Test
    void sequenceKeepsIncreasingAcrossRestartsEvenAfterRowsArePruned() throws Exception {
        SqliteStationStore store = open();
        long first = store.append(event(1)).await(2, SECONDS);
        long second = store.append(event(2)).await(2, SECONDS);
        store.close().await(2, SECONDS);
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("station.db"))) {
            c.createStatement().execute("DELETE FROM outbox");
            c.createStatement().execute("DELETE FROM events");
        }

        SqliteStationStore reopened = open();
        long third = reopened.append(event(3)).await(2, SECONDS);

        assertThat(second).isGreaterThan(first);
        assertThat(third).isGreaterThan(second);
        reopened.close().await(2, SECONDS);
    }

    @Test
    void concurrentAppendsAreAllKeptInOrderWithDistinctSeqs() throws Exception {
        SqliteStationStore store = open();
        List<Future<Long>> appends = new ArrayList<>();

        for (int i = 0; i < 500; i++) {
            appends.add(store.append(event(i)));
        }
        Future.all(appends).await(4, SECONDS);

        List<Long> seqs = appends.stream().map(Future::result).toList();
        assertThat(seqs).doesNotHaveDuplicates().isSorted();
        assertThat(store.unsent(1000).await(2, SECONDS)).hasSize(500);
        StoredEvent last = store.recent(1).await(2, SECONDS).get(0);
        assertThat(StationEvent.envelope("s/t", last.seq(), last.ts(), last.type(), last.body()))
                .contains("\"v\":1", "\"station\":\"s/t\"", "\"seq\":" + last.seq(), "\"type\":\"door.opened\"",
                        "\"n\":499");
        store.close().await(2, SECONDS);
    }

    @Test
    void runsInWalModeAtSchemaVersionOne() throws Exception {
        open().close().await(2, SECONDS);

        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("station.db"));
             var rs1 = c.createStatement().executeQuery("PRAGMA journal_mode")) {
            assertThat(rs1.getString(1)).isEqualTo("wal");
            try (var rs2 = c.createStatement().executeQuery("PRAGMA user_version")) {
                assertThat(rs2.getInt(1)).isEqualTo(Migrations.SCRIPTS.length);
            }
        }
    }

    @Test
    void keepsTrustedKeysRevocationsAndCountersAcrossRestarts() throws Exception {
        SqliteStationStore store = open();
        TrustedKey key = Badges.newKey().publicKey();
        store.addTrustedKey(key, "badge").await(2, SECONDS);
        store.revoke("badge", "0a0b", "lost").await(2, SECONDS);
        store.revoke("member", "m-9", null).await(2, SECONDS);
        store.suspend("m-10").await(2, SECONDS);
        store.setCounter("occupancy.inside", 3).await(2, SECONDS);
        store.close().await(2, SECONDS);

        SqliteStationStore reopened = open();

        assertThat(reopened.trustedKeys("badge").await(2, SECONDS)).containsExactly(key);
        assertThat(reopened.trustedKeys("command").await(2, SECONDS)).isEmpty();
        var r = reopened.revocations().await(2, SECONDS);
        assertThat(r.badges()).isEqualTo(Set.of("0a0b"));
        assertThat(r.members()).isEqualTo(Set.of("m-9"));
        assertThat(r.suspended()).isEqualTo(Set.of("m-10"));
        assertThat(reopened.counter("occupancy.inside", 0).await(2, SECONDS)).isEqualTo(3L);
        reopened.close().await(2, SECONDS);
    }

    @Test
    void farFutureReplayRecordSurvivesThePruningOfOtherCommands() throws Exception {
        SqliteStationStore store = open();
        Instant now = Instant.parse("2026-11-27T03:00:00Z");
        Instant year12294 = Instant.parse("+12294-01-01T00:00:00Z");

        assertThat(store.firstSighting("far-future-1", year12294, now).await(2, SECONDS)).isTrue();
        assertThat(store.firstSighting("short-lived", now.plusSeconds(60), now).await(2, SECONDS)).isTrue();
        // Later commands prune what has expired: the short one, never the far-future one.
        assertThat(store.firstSighting("later-cmd-1", now.plusSeconds(7200), now.plusSeconds(3600))
                .await(2, SECONDS)).isTrue();

        assertThat(store.firstSighting("far-future-1", year12294, now.plusSeconds(3600)).await(2, SECONDS))
                .isFalse();
        assertThat(store.firstSighting("short-lived", now.plusSeconds(60), now.plusSeconds(3600)).await(2, SECONDS))
                .isTrue();
    }

    @Test
    void replayRecordsWrittenAsTextByOlderVersionsAreMigratedToNumbers() throws Exception {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("station.db"))) {
            for (String script : new String[] {"V1__init.sql", "V2__commands.sql", "V3__lockers.sql"}) {
                String sql = new String(getClass().getResourceAsStream("/db/station/" + script).readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
                for (String st : sql.split(";\\s*\\n")) {
                    if (!st.isBlank()) {
                        c.createStatement().execute(st);
                    }
                }
            }
            c.createStatement().execute("PRAGMA user_version = 3");
            c.createStatement().execute("INSERT INTO commands_seen VALUES ('old-normal', '2026-11-27T03:10:00.5Z'),"
                    + " ('old-far-fut', '+12294-01-01T00:00:00Z')");
        }
        SqliteStationStore store = open();
        Instant now = Instant.parse("2026-11-27T03:00:00Z");

        assertThat(store.firstSighting("old-normal", now.plusSeconds(60), now).await(2, SECONDS)).isFalse();
        assertThat(store.firstSighting("old-far-fut", now.plusSeconds(60), now.plusSeconds(86_400))
                .await(2, SECONDS)).isFalse();
        assertThat(store.firstSighting("old-normal", now.plusSeconds(60), now.plusSeconds(86_400))
                .await(2, SECONDS)).isTrue();
    }

    @Test
    void aStationThatDoesNotReportKeepsNoOutboxAndEmptiesAnOldOne() throws Exception {
        SqliteStationStore reporting = open();
        reporting.append(event(1)).await(2, SECONDS);
        reporting.close().await(2, SECONDS);

        SqliteStationStore local = SqliteStationStore.open(vertx, dir.resolve("station.db"), false).await(2, SECONDS);
        for (int i = 0; i < 130; i++) {
            local.append(event(i)).await(2, SECONDS);
        }

        assertThat(local.outboxDepth().await(2, SECONDS)).isZero();
        assertThat(local.recent(1000).await(2, SECONDS)).hasSize(131);
        local.close().await(2, SECONDS);
    }

    @Test
    void retentionDeletesOldEventsButNeverOnesStillWaitingToBeSent() throws Exception {
        SqliteStationStore store = open();
        Instant old = Instant.parse("2026-01-01T00:00:00Z");
        long sentOld = store.append(StationEvent.of("door.opened", old, "n", 1)).await(2, SECONDS);
        long unsentOld = store.append(StationEvent.of("door.opened", old, "n", 2)).await(2, SECONDS);
        long recent = store.append(StationEvent.of("door.opened", Instant.parse("2026-11-27T03:00:00Z"), "n", 3))
                .await(2, SECONDS);
        store.markSent(List.of(sentOld, recent)).await(2, SECONDS);

        int deleted = store.pruneEvents(Instant.parse("2026-09-01T00:00:00Z")).await(2, SECONDS);

        assertThat(deleted).isEqualTo(1);
        assertThat(store.recent(10).await(2, SECONDS)).extracting(StoredEvent::seq)
                .containsExactlyInAnyOrder(unsentOld, recent);
        store.close().await(2, SECONDS);
    }
}
