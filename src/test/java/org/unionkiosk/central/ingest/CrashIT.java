// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.unionkiosk.central.Broker;
import org.unionkiosk.central.CentralFiles;
import org.unionkiosk.central.CentralProcess;
import org.unionkiosk.central.LoadDriver;
import org.unionkiosk.central.Sql;
import org.unionkiosk.central.store.Postgres;

/**
 * Central as a real process from the jar: events from 50 stations through a kill -9 of central and a broker
 * restart, and a burst larger than Mosquitto's old 10 000 queue while central is paused (SIGSTOP). Stored must
 * equal produced, with no duplicate rows.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CrashIT {
    @TempDir
    static Path dir;
    static Postgres pg;

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = Postgres.start(dir);
    }

    @AfterAll
    static void stopPostgres() {
        if (pg != null) {
            pg.close();
        }
    }

    private static CentralProcess central(String name, String url, String brokerUrl) throws Exception {
        CentralFiles files = new CentralFiles(dir.resolve(name));
        files.httpPort = CentralProcess.freePort();
        return new CentralProcess(files.config(name, brokerUrl, url, ""), files.httpPort);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void losesAndDuplicatesNothingThroughKillNineOfCentralAndABrokerRestart(String vendor) throws Exception {
        String url = vendor.equals("sqlite") ? "jdbc:sqlite:" + dir.resolve("crash.db") : pg.jdbcUrl();
        int stations = 50;
        int perStation = 300;
        long produced = (long) stations * perStation;
        try (Broker broker = Broker.start(dir.resolve("broker-" + vendor));
             CentralProcess central = central("crash-" + vendor, url, broker.url()).start();
             LoadDriver load = new LoadDriver(broker.url(), stations, 10, 10)) {
            CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
                try {
                    load.run(perStation, 200_000);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            await().atMost(Duration.ofSeconds(60)).until(() -> load.acked.get() > produced / 4);
            central.kill();
            await().atMost(Duration.ofSeconds(60)).until(() -> load.acked.get() > produced / 2);
            central.start();
            broker.stop();
            Thread.sleep(500);
            broker.start();
            run.get(200, TimeUnit.SECONDS);

            awaitStored(url, produced, central);
            assertThat(Sql.count(url, "SELECT COUNT(DISTINCT station || ':' || seq) FROM events")).isEqualTo(produced);
            assertThat(Sql.count(url, "SELECT SUM(max_seq - min_seq + 1 - stored) FROM station_seq")).isZero();
            assertThat(Sql.count(url, "SELECT COUNT(*) FROM rejects")).isZero();
        }
    }

    @Test
    void twoInstancesShareTheFleetOnOnePostgresAndKillNineOfOneLosesNothing() throws Exception {
        String url = pg.jdbcUrl();
        try (var c = java.sql.DriverManager.getConnection(url); var s = c.createStatement()) {
            s.execute("DROP SCHEMA public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
        int stations = 50;
        int perStation = 300;
        long produced = (long) stations * perStation;
        try (Broker broker = Broker.start(dir.resolve("broker-pair"));
             CentralProcess a = pair("pair-a", url, broker.url()).start();
             CentralProcess b = pair("pair-b", url, broker.url()).start();
             LoadDriver load = new LoadDriver(broker.url(), stations, 10, 10)) {
            CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
                try {
                    load.run(perStation, 200_000);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            await().atMost(Duration.ofSeconds(60)).until(() -> load.acked.get() > produced / 3);
            a.kill();
            await().atMost(Duration.ofSeconds(60)).until(() -> load.acked.get() > produced * 2 / 3);
            // Its share of the subscription waits in its persistent session until it is back (systemd restarts it).
            a.start();
            run.get(200, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(
                    Sql.count(url, "SELECT COUNT(*) FROM events")).isEqualTo(produced));
            assertThat(Sql.count(url, "SELECT COUNT(DISTINCT station || ':' || seq) FROM events")).isEqualTo(produced);
            assertThat(Sql.count(url, "SELECT SUM(max_seq - min_seq + 1 - stored) FROM station_seq")).isZero();
            assertThat(b.get("/metrics")).contains("central_ingest_events_total{outcome=\"stored\"}");
            assertThat(metric(a.get("/metrics")) + metric(b.get("/metrics"))).isPositive();
        }
    }

    /** Waits for every event; on failure the message carries central's log, which the temporary folder loses. */
    private static void awaitStored(String url, long produced, CentralProcess central) throws Exception {
        try {
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(
                    Sql.count(url, "SELECT COUNT(*) FROM events")).isEqualTo(produced));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            String log = central.log();
            throw new AssertionError(e.getMessage() + "\ncentral log (end):\n"
                    + log.substring(Math.max(0, log.length() - 6000)), e);
        }
    }

    private static CentralProcess pair(String name, String url, String brokerUrl) throws Exception {
        CentralFiles files = new CentralFiles(dir.resolve(name));
        files.httpPort = CentralProcess.freePort();
        return new CentralProcess(files.config(name, "pair", brokerUrl, url, ""), files.httpPort);
    }

    private static double metric(String scrape) {
        return scrape.lines().filter(l -> l.startsWith("central_ingest_events_total{outcome=\"stored\"}"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void aPausedCentralLosesNothingOfABurstBiggerThanTheOldBrokerQueue() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("stall.db");
        int stations = 50;
        int perStation = 1200; // 60 000 events: 6 times the 10 000 the sample broker used to queue
        long produced = (long) stations * perStation;
        try (Broker broker = Broker.start(dir.resolve("broker-stall"));
             CentralProcess central = central("stall", url, broker.url()).start();
             LoadDriver load = new LoadDriver(broker.url(), stations, 10, 10)) {
            central.pause();

            load.run(perStation, 200_000);
            central.resume();

            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(
                    Sql.count(url, "SELECT COUNT(*) FROM events")).isEqualTo(produced));
            assertThat(Sql.count(url, "SELECT COUNT(DISTINCT station || ':' || seq) FROM events")).isEqualTo(produced);
        }
    }
}
