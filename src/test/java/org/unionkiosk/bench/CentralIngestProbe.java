// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.unionkiosk.central.Broker;
import org.unionkiosk.central.CentralFiles;
import org.unionkiosk.central.InProcessCentral;
import org.unionkiosk.central.LoadDriver;
import org.unionkiosk.central.Sql;
import org.unionkiosk.central.store.Postgres;

/**
 * Central's ingest rate against Mosquitto on loopback: a load driver publishes like N stations (QoS 1, the real
 * envelope), while central stores and {@code mosquitto_sub} receives the same stream in the same run. Prints
 * events/s for both, and checks stored = produced with no duplicates.
 * Args: {@code sqlite|postgresql STATIONS EVENTS_PER_STATION}.
 */
public final class CentralIngestProbe {
    public static void main(String[] args) throws Exception {
        String vendor = args.length > 0 ? args[0] : "sqlite";
        int stations = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int perStation = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        long total = (long) stations * perStation;
        Path dir = Files.createTempDirectory("central-bench");
        Postgres pg = vendor.equals("postgresql") ? Postgres.start(dir) : null;
        try (Broker broker = Broker.start(dir.resolve("broker"))) {
            String url = pg != null ? pg.jdbcUrl() : "jdbc:sqlite:" + dir.resolve("bench.db");
            Path cfg = new CentralFiles(dir.resolve("central")).config("bench", broker.url(), url, "");
            try (InProcessCentral central = InProcessCentral.start(cfg, "bench:viewer");
                 LoadDriver load = new LoadDriver(broker.url(), stations, 8, 100)) {
                Thread.sleep(2000); // central subscribed
                Process sub = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p",
                        String.valueOf(broker.port()), "-q", "1", "-t", "kiosk/v1/+/+/evt/#", "-C",
                        String.valueOf(total)).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                Thread.sleep(500);
                long start = System.nanoTime();
                Thread driver = new Thread(() -> {
                    try {
                        load.run(perStation, 600_000);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                driver.start();
                long subDone = -1;
                long stored;
                long storedDone = -1;
                long deadline = start + TimeUnit.MINUTES.toNanos(10);
                while (System.nanoTime() < deadline && (subDone < 0 || storedDone < 0)) {
                    if (subDone < 0 && !sub.isAlive()) {
                        subDone = System.nanoTime();
                    }
                    if (storedDone < 0) {
                        stored = Sql.count(url, "SELECT COALESCE(SUM(stored), 0) FROM station_seq");
                        if (stored >= total) {
                            storedDone = System.nanoTime();
                        }
                    }
                    Thread.sleep(20);
                }
                driver.join();
                long published = System.nanoTime();
                long rows = Sql.count(url, "SELECT COUNT(*) FROM events");
                long distinct = Sql.count(url, "SELECT COUNT(DISTINCT station || ':' || seq) FROM events");
                sub.destroy();
                System.out.printf("%s: %d stations x %d = %d events (resent by driver %d)%n", vendor, stations,
                        perStation, total, load.resent.get());
                System.out.printf("  mosquitto_sub received all in %.2f s: %.0f events/s%n", secs(start, subDone),
                        total / secs(start, subDone));
                System.out.printf("  central stored all in %.2f s: %.0f events/s (%.0f%% of raw)%n",
                        secs(start, storedDone), total / secs(start, storedDone),
                        100.0 * secs(start, subDone) / secs(start, storedDone));
                System.out.printf("  driver done in %.2f s; rows %d, distinct %d, lost %d, duplicated %d%n",
                        secs(start, published), rows, distinct, total - distinct, rows - distinct);
                stationsLatency(central, url, stations);
            }
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    /** {@code GET /api/stations} with every station born and reporting status: 1 000 requests, p50/p99. */
    private static void stationsLatency(InProcessCentral central, String url, int stations) throws Exception {
        String status = "{\"v\":1,\"door\":\"closed\",\"occupancy\":3,\"health\":{\"outboxDepth\":0,"
                + "\"diskFreeMb\":5000,\"clockSynced\":true,\"cpuTempC\":48.5,\"uptimeSeconds\":3600}}";
        try (var c = java.sql.DriverManager.getConnection(url);
             var ps = c.prepareStatement("INSERT INTO stations (station, site, online, session, state_at, status, "
                     + "status_at, reported_config, config_at) VALUES (?, ?, 1, 1, ?, ?, ?, '{\"capacity\":\"20\"}', ?) "
                     + "ON CONFLICT (station) DO NOTHING")) {
            long now = System.currentTimeMillis();
            for (int i = 0; i < stations; i++) {
                ps.setString(1, LoadDriver.site(i) + "/" + LoadDriver.station(i));
                ps.setString(2, LoadDriver.site(i));
                ps.setLong(3, now);
                ps.setString(4, status);
                ps.setLong(5, now);
                ps.setLong(6, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        var client = central.client();
        client.login("bench", "bench-password");
        long[] ns = new long[1000];
        for (int i = 0; i < 100; i++) {
            client.get("/api/stations");
        }
        int size = 0;
        for (int i = 0; i < ns.length; i++) {
            long t = System.nanoTime();
            size = client.get("/api/stations").array().size();
            ns[i] = System.nanoTime() - t;
        }
        java.util.Arrays.sort(ns);
        System.out.printf("  GET /api/stations (%d stations): p50 %.1f ms, p99 %.1f ms over %d requests%n", size,
                ns[ns.length / 2] / 1e6, ns[ns.length * 99 / 100] / 1e6, ns.length);
    }

    private static double secs(long start, long end) {
        return end < 0 ? Double.NaN : (end - start) / 1e9;
    }
}
