// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.unionkiosk.central.config.DatabaseConfig;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DatabaseIT {
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

    static String url(String vendor) {
        return vendor.equals("sqlite") ? "jdbc:sqlite:" + dir.resolve("c.db") : pg.jdbcUrl();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void migratesTheSameSchemaOnBothAndReopensWithoutMigratingAgain(String vendor) throws Exception {
        DatabaseConfig cfg = new DatabaseConfig(url(vendor), null, null, 4, 30);

        try (Database db = Database.open(vertx, cfg)) {
            assertThat(db.vendor().name().toLowerCase()).isEqualTo(vendor);
            db.txBlocking(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO events (station, seq, ts, type, body, "
                        + "received_at) VALUES ('s/a', 1, 0, 'door.opened', '{}', 0) ON CONFLICT DO NOTHING")) {
                    return ps.executeUpdate();
                }
            });
        }
        try (Database db = Database.open(vertx, cfg)) {
            int n = db.read(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM events");
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(n).isEqualTo(1);
        }
    }
}
