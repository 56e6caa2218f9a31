// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.bench;

import io.vertx.core.Vertx;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.unionkiosk.protocol.Badges;
import org.unionkiosk.protocol.KeyFiles;
import org.unionkiosk.station.MockPi4j;
import org.unionkiosk.station.StationConfigs;
import org.unionkiosk.station.StationMain;
import org.unionkiosk.station.StationProcess;
import org.unionkiosk.station.config.ConfigLoader;
import org.unionkiosk.station.telemetry.Mosquitto;

/**
 * Drain rate after an outage: N events pile up in the outbox while the broker is down; time from broker start to
 * the last event received by a subscriber. Beside it, in the same run, mosquitto_pub's raw QoS 1 rate for N
 * messages of the same size to the same broker, received by the same subscriber. Args: N (default 20000).
 */
public final class OutboxDrainProbe {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Path dir = Files.createTempDirectory("drain");
        Mosquitto broker = Mosquitto.start(dir, args.length > 1 ? "set_tcp_nodelay true\n" : "");
        // A persistent-session subscriber from before the outage, so nothing is missed when the station reconnects.
        Set<Long> got = ConcurrentHashMap.newKeySet();
        var raw = new java.util.concurrent.atomic.AtomicInteger();
        MqttClient sub = new MqttClient(broker.url(), "drain-sub", new MemoryPersistence());
        var opts = new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
        opts.setCleanSession(false);
        opts.setAutomaticReconnect(true);
        opts.setMaxReconnectDelay(100);
        opts.setMaxInflight(1000);
        sub.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String t, org.eclipse.paho.client.mqttv3.MqttMessage m) {
                String s = new String(m.getPayload(), StandardCharsets.UTF_8);
                int i = s.indexOf("\"seq\":");
                if (i >= 0) {
                    got.add(Long.parseLong(s.substring(i + 6, s.indexOf(',', i))));
                } else {
                    raw.incrementAndGet();
                }
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
            }
        });
        sub.connect(opts);
        // The same subscriber takes both streams, so the broker does the same work in both runs.
        sub.subscribe(new String[] {"kiosk/v1/+/+/evt/#", "raw/#"}, new int[] {1, 1});
        broker.stop();
        Files.createDirectories(dir.resolve("keys"));
        KeyFiles.writePublic(dir.resolve("keys/central.pub"), Badges.newKey().publicKey());
        Path cfg = StationConfigs.write(dir, Badges.newKey(), 0, StationConfigs.ACCESS + """
                mqtt:
                  url: tcp://127.0.0.1:%d
                  commandKeys: [keys/central.pub]
                  reconnectMinMs: 100
                  reconnectMaxMs: 200
                  inFlight: %d
                """.formatted(broker.port(), Integer.getInteger("window", 10)));
        StationProcess.mkfifo(dir.resolve("scan.fifo"));
        Vertx vertx = Vertx.vertx();
        var pi4j = MockPi4j.newContext();
        StationMain main = new StationMain(vertx, pi4j);
        main.start(ConfigLoader.load(cfg), Clock.systemDefaultZone()).await(10, TimeUnit.SECONDS);
        try (var out = new BufferedOutputStream(new FileOutputStream(dir.resolve("scan.fifo").toFile()))) {
            for (int i = 0; i < n; i++) {
                out.write(("drain-probe-" + i + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        long stored;
        do {
            Thread.sleep(100);
            try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/station.db"));
                 var rs = c.createStatement().executeQuery("SELECT count(*) FROM outbox")) {
                stored = rs.getLong(1);
            }
        } while (stored < n);
        int bytes;
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/station.db"));
             var rs = c.createStatement().executeQuery("SELECT length(body) + 90 FROM events LIMIT 1 OFFSET 5")) {
            bytes = rs.getInt(1);
        }

        long t0 = System.nanoTime();
        broker.start();
        while (got.size() < stored) {
            Thread.sleep(5);
        }
        double drainSecs = (System.nanoTime() - t0) / 1e9;
        main.stop().await(10, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);

        String payload = "x".repeat(Math.max(1, bytes));
        long t1 = System.nanoTime();
        Process p = new ProcessBuilder("mosquitto_pub", "-p", String.valueOf(broker.port()), "-q", "1", "-t",
                "raw/test", "-m", payload, "--repeat", String.valueOf(n), "--repeat-delay", "0").inheritIO().start();
        p.waitFor();
        while (raw.get() < n) {
            Thread.sleep(5);
        }
        double rawSecs = (System.nanoTime() - t1) / 1e9;
        broker.stop();
        System.out.printf("events=%d payload~%d B%noutbox drain: %.2f s = %.0f events/s%n"
                + "mosquitto_pub -q 1 --repeat: %.2f s = %.0f msg/s%nratio: %.0f%%%n", stored, bytes, drainSecs,
                stored / drainSecs, rawSecs, n / rawSecs, 100 * (stored / drainSecs) / (n / rawSecs));
        System.exit(0);
    }
}
