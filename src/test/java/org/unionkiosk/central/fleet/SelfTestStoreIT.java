// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.unionkiosk.central.config.DatabaseConfig;
import org.unionkiosk.central.config.FleetConfig;
import org.unionkiosk.central.ingest.StationTopic;
import org.unionkiosk.central.ingest.TopicHandler;
import org.unionkiosk.central.store.Database;
import org.unionkiosk.central.store.Postgres;

/**
 * The self-test reports of {@code kiosk/v1/{site}/{station}/selftest} in the stations table, on SQLite and on a
 * real PostgreSQL (the V81 migration of each): the latest {@code at} wins whatever order they arrive in.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SelfTestStoreIT {
    private static final String TOPIC = "kiosk/v1/north/st-1/selftest";

    @TempDir
    static Path dir;
    static Postgres pg;
    static Vertx vertx;

    @BeforeAll
    static void start() throws Exception {
        pg = Postgres.start(dir);
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
        }
        if (vertx != null) {
            vertx.close();
        }
    }

    private static String report(String at, int pass, int fail) {
        return """
                {"v":1,"station":"north/st-1","at":"%s","version":"0.1.0","passed":%s,
                 "counts":{"pass":%d,"fail":%d,"skip":0},
                 "results":[{"name":"door contact (BCM 27)","ok":%s,"part":"door.contact",
                 "what":"door contact (BCM 27)","result":"%s","detail":"seen"}]}"""
                .formatted(at, fail == 0, pass, fail, fail == 0, fail == 0 ? "pass" : "fail");
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void theLatestReportWinsAndAMalformedOneIsRejected(String vendor) throws Exception {
        String url = vendor.equals("sqlite") ? "jdbc:sqlite:" + dir.resolve("c.db") : pg.jdbcUrl();
        try (Database db = Database.open(vertx, new DatabaseConfig(url, null, null, 4, 30))) {
            Fleet fleet = new Fleet(db, new FleetConfig(Duration.ofSeconds(60), Duration.ofSeconds(60),
                    Duration.ofSeconds(90)), Clock.systemUTC());
            TopicHandler h = fleet.handlers().get(StationTopic.Kind.SELFTEST);
            StationTopic t = StationTopic.parse(TOPIC);
            assertThat(t.kind()).isEqualTo(StationTopic.Kind.SELFTEST);

            await(h.handle(t, report("2026-11-28T10:00:00Z", 15, 1).getBytes(StandardCharsets.UTF_8), 1));
            assertThat(await(fleet.get("north/st-1")).selftest().getJsonObject("counts").getInteger("fail"))
                    .isEqualTo(1);

            await(h.handle(t, report("2026-11-28T11:00:00Z", 16, 0).getBytes(StandardCharsets.UTF_8), 2));
            // The earlier test, redelivered late: ignored.
            await(h.handle(t, report("2026-11-28T10:00:00Z", 15, 1).getBytes(StandardCharsets.UTF_8), 3));
            StationView v = await(fleet.get("north/st-1"));
            assertThat(v.selftest().getString("at")).isEqualTo("2026-11-28T11:00:00Z");
            assertThat(v.toJson().getJsonObject("selftest").getJsonObject("counts").getInteger("pass"))
                    .isEqualTo(16);

            byte[] noAt = "{\"v\":1,\"results\":[]}".getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> await(h.handle(t, noAt, 4))).isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOf(TopicHandler.RejectedPayload.class).hasMessageContaining("at");
            assertThatThrownBy(() -> await(h.handle(t, "not json".getBytes(StandardCharsets.UTF_8), 5)))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(TopicHandler.RejectedPayload.class);
            assertThat(await(fleet.get("north/st-1")).selftest().getString("at")).isEqualTo("2026-11-28T11:00:00Z");
        }
    }
}
