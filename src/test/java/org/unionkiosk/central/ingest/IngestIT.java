// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.unionkiosk.central.Broker;
import org.unionkiosk.central.CentralFiles;
import org.unionkiosk.central.InProcessCentral;
import org.unionkiosk.central.ApiClient;
import org.unionkiosk.central.LoadDriver;
import org.unionkiosk.central.Sql;
import org.unionkiosk.central.store.Postgres;

/** Central in-process against a real Mosquitto, on SQLite and on PostgreSQL. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class IngestIT {
    @TempDir
    static Path dir;
    static Postgres pg;
    static Broker broker;
    InProcessCentral central;
    int port;

    @BeforeAll
    static void start() throws Exception {
        pg = Postgres.start(dir);
        broker = Broker.start(dir.resolve("broker"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @AfterEach
    void stopCentral() throws Exception {
        if (central != null) {
            central.close();
        }
    }

    String startCentral(String vendor, String instance, String extra) throws Exception {
        String url = vendor.equals("sqlite") ? "jdbc:sqlite:" + dir.resolve(instance + ".db") : pg.jdbcUrl();
        if (vendor.equals("postgresql")) {
            // One database per test: a fresh schema.
            try (var c = java.sql.DriverManager.getConnection(pg.jdbcUrl()); var s = c.createStatement()) {
                s.execute("DROP SCHEMA public CASCADE");
                s.execute("CREATE SCHEMA public");
            }
        }
        Path cfg = new CentralFiles(dir.resolve(instance)).config(instance, broker.url(), url,
                "usage: {timeZone: UTC}\n" + extra);
        central = InProcessCentral.start(cfg, "alice:admin");
        port = central.port;
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/health").contains("\"broker\":\"connected\""));
        return url;
    }

    String get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static MqttAsyncClient client(String id) throws Exception {
        MqttAsyncClient c = new MqttAsyncClient(broker.url(), id, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        // Paho frees an in-flight slot after the token completes, so quick sequential publishes can briefly hold
        // more than the default 10 slots on a loaded machine.
        o.setMaxInflight(100);
        c.connect(o).waitForCompletion(5000);
        return c;
    }

    static void publish(MqttAsyncClient c, String topic, String payload, boolean retained) throws Exception {
        c.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, retained).waitForCompletion(5000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void storesEveryEventOnceAndKeepsEveryBadPayloadAsAReject(String vendor) throws Exception {
        String url = startCentral(vendor, "ingest-" + vendor, "");
        int stations = 20;
        int perStation = 150;

        try (LoadDriver load = new LoadDriver(broker.url(), stations, 4, 50)) {
            load.run(perStation, 60_000);
        }
        MqttAsyncClient bad = client("bad-" + vendor);
        // Replays: the first 10 events of station 0 again, and one out of order.
        for (long seq = 10; seq >= 1; seq--) {
            publish(bad, LoadDriver.topic(0, seq), LoadDriver.envelope(0, seq), false);
        }
        publish(bad, "kiosk/v1/site-1/st-0001/evt/door.opened", "{not json", false);
        publish(bad, "kiosk/v1/site-1/st-0001/evt/door.opened", "{\"v\":1,\"x\":\"" + "a".repeat(20_000) + "\"}",
                false);
        // Station 1 publishing as station 2.
        publish(bad, LoadDriver.topic(1, 999), LoadDriver.envelope(2, 999), false);
        publish(bad, "kiosk/v1/site-1/st-0001/evt/rocket.launched", "{\"v\":1,\"station\":\"site-1/st-0001\","
                + "\"seq\":5000,\"ts\":\"2026-01-01T00:00:00Z\",\"type\":\"rocket.launched\"}", false);
        publish(bad, "kiosk/v1/site-1/st-0001/evt/door.opened", "{\"v\":1,\"station\":\"site-1/st-0001\","
                + "\"seq\":5001,\"ts\":\"yesterday\",\"type\":\"door.opened\"}", false);
        // HTML and SQL in a text field are stored as text.
        publish(bad, "kiosk/v1/site-1/st-0001/evt/access.denied", "{\"v\":1,\"station\":\"site-1/st-0001\","
                + "\"seq\":5002,\"ts\":\"2031-01-01T00:00:00Z\",\"type\":\"access.denied\","
                + "\"reason\":\"<script>x</script>'); DROP TABLE events;--\"}", false);
        bad.disconnect().waitForCompletion(5000);
        bad.close();

        long produced = (long) stations * perStation + 1;
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(new long[] {
                Sql.count(url, "SELECT COUNT(*) FROM events"), Sql.count(url, "SELECT COUNT(*) FROM rejects")})
                .containsExactly(produced, 5));
        assertThat(Sql.count(url, "SELECT COUNT(DISTINCT station || ':' || seq) FROM events")).isEqualTo(produced);
        assertThat(Sql.count(url, "SELECT COUNT(*) FROM rejects WHERE reason = 'malformed'")).isEqualTo(2);
        assertThat(Sql.count(url, "SELECT COUNT(*) FROM rejects WHERE reason = 'oversized'")).isEqualTo(1);
        assertThat(Sql.count(url, "SELECT COUNT(*) FROM rejects WHERE reason = 'topic_mismatch'")).isEqualTo(1);
        assertThat(Sql.count(url, "SELECT COUNT(*) FROM rejects WHERE reason = 'unknown_type'")).isEqualTo(1);
        assertThat(Sql.count(url, "SELECT duplicates FROM station_seq WHERE station = 'site-0/st-0000'"))
                .isGreaterThanOrEqualTo(10);
        assertThat(Sql.count(url, "SELECT SUM(max_seq - min_seq + 1 - stored) FROM station_seq "
                + "WHERE station <> 'site-1/st-0001'")).isZero();
        String metrics = get("/metrics");
        assertThat(metrics).contains("central_ingest_rejects_total{reason=\"oversized\"} 1.0")
                .contains("central_ingest_rejects_total{reason=\"malformed\"} 2.0");
        assertThat(get("/health")).contains("\"status\":\"up\"");
        assertMonthlyReportCountsWhatWasSent(stations, perStation);
    }

    /** The CSV of site-0 (stations 0, 5, 10, 15) adds up to the events the driver sent them. */
    void assertMonthlyReportCountsWhatWasSent(int stations, int perStation) throws Exception {
        long[] perType = new long[8];
        for (long seq = 1; seq <= perStation; seq++) {
            perType[(int) (seq % 8)]++;
        }
        int site0 = 0;
        for (int i = 0; i < stations; i++) {
            site0 += LoadDriver.site(i).equals("site-0") ? 1 : 0;
        }
        ApiClient alice = central.client();
        alice.login("alice", "alice-password");
        String month = java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString();

        ApiClient.Answer csv = alice.get("/api/usage/monthly/site-0/" + month + "?format=csv");

        assertThat(csv.status()).isEqualTo(200);
        // Two tables: the stations, then after a blank line visits served by occupation (none: the driver's grants
        // name no entry scanner, so no visit is counted; the query still runs on both databases).
        String[] tables = csv.body().split("\r\n\r\n");
        assertThat(tables).hasSize(2);
        assertThat(tables[1]).isEqualTo("occupation,visits_served,first_time,repeat\r\ntotal,0,0,0\r\n");
        String[] lines = tables[0].split("\r\n");
        assertThat(lines[0]).startsWith("\uFEFFstation,entries,exits,visits,grants,refusals,refusals.revoked,");
        java.util.List<String> cols = java.util.List.of(lines[0].substring(1).split(","));
        String[] total = lines[lines.length - 1].split(",");
        assertThat(total[0]).isEqualTo("total");
        assertThat(Long.parseLong(total[cols.indexOf("grants")])).isEqualTo(site0 * perType[0]);
        assertThat(Long.parseLong(total[cols.indexOf("entries")])).isEqualTo(site0 * perType[4]);
        assertThat(Long.parseLong(total[cols.indexOf("visits")])).isEqualTo(site0 * perType[4]);
        assertThat(Long.parseLong(total[cols.indexOf("refusals.revoked")])).isEqualTo(site0 * perType[6]);
        assertThat(Long.parseLong(total[cols.indexOf("exits")])).isEqualTo(site0 * perType[7]);
        assertThat(lines).hasSize(site0 + 2);
        assertThat(alice.get("/api/usage/monthly/site-0/" + month).json().getJsonObject("total").getLong("grants"))
                .isEqualTo(site0 * perType[0]);
    }
}
