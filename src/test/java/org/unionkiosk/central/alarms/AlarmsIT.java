// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.alarms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.unionkiosk.central.auth.Audit;
import org.unionkiosk.central.auth.Role;
import org.unionkiosk.central.auth.User;
import org.unionkiosk.central.config.DatabaseConfig;
import org.unionkiosk.central.config.FleetConfig;
import org.unionkiosk.central.fleet.Fleet;
import org.unionkiosk.central.ingest.IngestedEvent;
import org.unionkiosk.central.ingest.StationTopic;
import org.unionkiosk.central.store.Database;
import org.unionkiosk.central.store.Postgres;

/** The alarm table's SQL on both stores: raise once, clear from events and status, presence, acknowledge once. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AlarmsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
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
    static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static IngestedEvent event(long seq, String type, String fields) throws Exception {
        String body = "{\"v\":1,\"station\":\"north/st-1\",\"seq\":" + seq + ",\"ts\":\"2026-11-28T10:00:00Z\","
                + "\"type\":\"" + type + "\"" + (fields.isEmpty() ? "" : "," + fields) + "}";
        return new IngestedEvent("north", "north/st-1", seq, 1_000 + seq, type, null, JSON.readTree(body), body, 0);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void raisesOnceClearsFromEventsStatusAndPresenceAndAcknowledgesOnce(String vendor) throws Exception {
        String url = vendor.equals("sqlite") ? "jdbc:sqlite:" + dir.resolve("alarms.db") : pg.jdbcUrl();
        try (Database db = Database.open(vertx, new DatabaseConfig(url, null, null, 4, 30))) {
            db.txBlocking(c -> c.createStatement().executeUpdate("DELETE FROM alarms"));
            Clock clock = Clock.systemUTC();
            Fleet fleet = new Fleet(db, new FleetConfig(Duration.ofSeconds(60), Duration.ofSeconds(60),
                    Duration.ofSeconds(90)), clock);
            Audit audit = new Audit(clock);
            Alarms alarms = new Alarms(vertx, db, fleet, audit, clock);
            List<JsonObject> notices = new CopyOnWriteArrayList<>();
            vertx.eventBus().<JsonObject>consumer(Alarms.ADDRESS, m -> notices.add(m.body()));

            // The same alarm twice (a resend, or event and status agreeing) is one open alarm.
            List<IngestedEvent> first = List.of(event(1, "alarm.forced_open", ""),
                    event(2, "locker.forced", "\"locker\":\"4\""));
            List<IngestedEvent> again = List.of(event(3, "alarm.forced_open", ""));
            db.txBlocking(c -> {
                alarms.sink().stored(c, first);
                alarms.sink().stored(c, again);
                return null;
            });
            JsonArray open = await(alarms.list(true, "north/st-1", 10));
            assertThat(open).hasSize(2);
            assertThat(open.stream().map(o -> ((JsonObject) o).getString("code")))
                    .containsExactlyInAnyOrder("forced_open", "locker_forced");

            // A status without the door alarm but with an unsynchronised clock clears one and raises the other.
            StationTopic status = new StationTopic("north", "st-1", StationTopic.Kind.STATUS, null);
            await(alarms.after(StationTopic.Kind.STATUS, fleet.handlers().get(StationTopic.Kind.STATUS))
                    .handle(status, bytes("{\"v\":1,\"alarms\":[],\"clockSynced\":false,\"problems\":[],"
                            + "\"health\":{\"outboxDepth\":0,\"diskFreeMb\":9000}}"), 5_000));
            open = await(alarms.list(true, "north/st-1", 10));
            assertThat(open.stream().map(o -> ((JsonObject) o).getString("code")))
                    .containsExactlyInAnyOrder("locker_forced", "clock_unsynced");

            // Closing the locker clears its alarm; the will of the current session raises station_offline.
            List<IngestedEvent> closed = List.of(event(4, "locker.closed", "\"locker\":\"4\""));
            db.txBlocking(c -> {
                alarms.sink().stored(c, closed);
                return null;
            });
            var state = alarms.after(StationTopic.Kind.STATE, fleet.handlers().get(StationTopic.Kind.STATE));
            StationTopic st = new StationTopic("north", "st-1", StationTopic.Kind.STATE, null);
            await(state.handle(st, bytes("{\"v\":1,\"online\":true,\"session\":7}"), 6_000));
            await(state.handle(st, bytes("{\"v\":1,\"online\":false,\"session\":7}"), 7_000));
            open = await(alarms.list(true, "north/st-1", 10));
            assertThat(open.stream().map(o -> ((JsonObject) o).getString("code")))
                    .containsExactlyInAnyOrder("clock_unsynced", "station_offline");
            await(state.handle(st, bytes("{\"v\":1,\"online\":true,\"session\":8}"), 8_000));
            assertThat(await(alarms.openCounts())).containsEntry("north/st-1", 1);

            // Acknowledged once, with who and the note, in the audit too; a second acknowledgement is refused.
            long id = ((JsonObject) open.stream().filter(o -> ((JsonObject) o).getString("code")
                    .equals("clock_unsynced")).findFirst().orElseThrow()).getLong("id");
            User admin = new User("ann", Role.ADMIN, "127.0.0.1", "t");
            JsonObject acked = await(alarms.acknowledge(admin, id, "NTP server replaced"));
            assertThat(acked.getString("ackedBy")).isEqualTo("ann");
            assertThat(acked.getString("ackNote")).isEqualTo("NTP server replaced");
            assertThatThrownBy(() -> await(alarms.acknowledge(admin, id, "again"))).hasMessageContaining("id:");
            assertThatThrownBy(() -> await(alarms.acknowledge(admin, id, " "))).hasMessageContaining("note:");
            JsonArray audit2 = await(db.read(c -> Audit.latest(c, 5)));
            assertThat(audit2.getJsonObject(0).getString("action")).isEqualTo("alarm.ack");

            JsonArray all = await(alarms.list(false, "north/st-1", 10));
            assertThat(all).hasSize(4);
            assertThat(all.stream().filter(o -> ((JsonObject) o).getValue("clearedAt") == null)).hasSize(1);
            assertThat(notices).extracting(n -> n.getString("change"))
                    .containsOnly("raised", "cleared", "acknowledged");
        }
    }
}
