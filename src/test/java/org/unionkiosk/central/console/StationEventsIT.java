// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.unionkiosk.central.config.DatabaseConfig;
import org.unionkiosk.central.store.Database;
import org.unionkiosk.central.store.Postgres;

/** The station log's type and reason filters match codes literally: {@code _} is no wildcard, on both engines. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StationEventsIT {
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

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void underscoresInTheFiltersAreNotWildcards(String vendor) throws Exception {
        String url = vendor.equals("sqlite") ? "jdbc:sqlite:" + dir.resolve("c.db") : pg.jdbcUrl();
        try (Database db = Database.open(vertx, new DatabaseConfig(url, null, null, 4, 30))) {
            db.txBlocking(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO events (station, seq, ts, type, body, "
                        + "received_at) VALUES ('s/a', ?, 0, ?, ?, 0)")) {
                    Object[][] rows = {{"access.denied", "{\"reason\":\"bad_sig\"}"},
                        {"access.denied", "{\"reason\":\"badxsig\"}"}, {"door_x.opened", "{}"},
                        {"doorxx.opened", "{}"}};
                    for (int i = 0; i < rows.length; i++) {
                        ps.setLong(1, i + 1);
                        ps.setString(2, (String) rows[i][0]);
                        ps.setString(3, (String) rows[i][1]);
                        ps.executeUpdate();
                    }
                }
                return null;
            });
            StationEvents events = new StationEvents(db);

            JsonArray byReason = events.page("s/a", new StationEvents.Filter(null, "bad_sig", null, null, null, 50))
                    .await(10, TimeUnit.SECONDS);
            JsonArray byType = events.page("s/a", new StationEvents.Filter("door_x.", null, null, null, null, 50))
                    .await(10, TimeUnit.SECONDS);

            assertThat(seqs(byReason)).containsExactly(1L);
            assertThat(seqs(byType)).containsExactly(3L);
        }
    }

    private static List<Long> seqs(JsonArray a) {
        List<Long> out = new ArrayList<>();
        a.forEach(o -> out.add(((JsonObject) o).getLong("seq")));
        return out;
    }
}
