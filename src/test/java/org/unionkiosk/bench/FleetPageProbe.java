// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.bench;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.unionkiosk.central.CentralFiles;
import org.unionkiosk.central.CentralMain;
import org.unionkiosk.central.auth.Audit;
import org.unionkiosk.central.auth.Role;
import org.unionkiosk.central.auth.Users;
import org.unionkiosk.central.config.ConfigLoader;
import org.unionkiosk.central.console.Browser;
import org.unionkiosk.station.telemetry.Mosquitto;

/**
 * The fleet page with N stations in headless Chromium: time to the first full render (page load to the frame after
 * the whole table is in the DOM), then the renderer's main-thread time while the stations send R status updates a
 * second, read from Chrome's own Performance metrics. Central, Mosquitto and SQLite are real, as in ConsoleIT.
 * Args: stations rate seconds (defaults 1000 100 30).
 */
public final class FleetPageProbe {
    private FleetPageProbe() {
    }

    public static void main(String[] args) throws Exception {
        int stations = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        Path dir = Files.createTempDirectory("fleet-probe");
        Mosquitto broker = Mosquitto.start(Files.createDirectories(dir.resolve("broker")), "");
        Vertx vertx = Vertx.vertx();
        CentralMain central = new CentralMain(vertx, Clock.systemDefaultZone());
        ChromeDriver browser = null;
        MqttAsyncClient mqtt = null;
        try {
            CentralFiles files = new CentralFiles(dir.resolve("central"));
            Path db = dir.resolve("central/central.db");
            int port = central.start(ConfigLoader.load(files.config("central-1", broker.url(), "jdbc:sqlite:" + db,
                    ""))).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            String base = "http://127.0.0.1:" + port;
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
                new Users(new Audit(Clock.systemUTC()), Clock.systemUTC()).add(c, "admin", Role.ADMIN,
                        "probe-password".toCharArray(), "probe", "127.0.0.1");
            }
            mqtt = new MqttAsyncClient(broker.url(), "probe-stations", new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setMaxInflight(1000);
            mqtt.connect(o).waitForCompletion(10_000);
            Random random = new Random(1);
            for (int i = 0; i < stations; i++) {
                String t = topic(i);
                mqtt.publish(t + "state", ("{\"v\":1,\"online\":true,\"session\":1,\"version\":\"probe\"}")
                        .getBytes(StandardCharsets.UTF_8), 1, true).waitForCompletion(10_000);
                mqtt.publish(t + "status", status(i, random), 1, true).waitForCompletion(10_000);
            }
            browser = Browser.start(dir.resolve("chrome"), 1366, 900);
            browser.get(base + "/console/login.html");
            browser.findElement(By.id("username")).sendKeys("admin");
            browser.findElement(By.id("password")).sendKeys("probe-password");
            browser.findElement(By.id("submit")).click();
            ChromeDriver b = browser;
            new WebDriverWait(browser, Duration.ofSeconds(120)).pollingEvery(Duration.ofSeconds(1)).until(d ->
                    ((Number) b.executeAsyncScript("const done = arguments[arguments.length - 1];"
                            + "fetch('/console/api/fleet').then(r => r.json()).then(f => done(f.stations"
                            + ".filter(s => s.inside != null).length));")).intValue() >= stations);

            double[] painted = new double[5];
            for (int run = 0; run < painted.length; run++) {
                browser.navigate().refresh();
                painted[run] = ((Number) new WebDriverWait(browser, Duration.ofSeconds(30)).until(d ->
                        b.executeScript("return window.fleetPaintedAt"))).doubleValue();
            }
            long rows = (Long) browser.executeScript("return document.querySelectorAll('#fleet tbody tr').length");
            Arrays.sort(painted);
            System.out.printf("stations %d, rows %d, first full render (navigation start -> painted) ms: "
                    + "median %.0f, min %.0f, max %.0f%n", stations, rows, painted[2], painted[0], painted[4]);

            browser.executeCdpCommand("Performance.enable", Map.of());
            Map<String, Double> before = metrics(browser);
            long start = System.nanoTime();
            long sent = 0;
            long periodNs = TimeUnit.SECONDS.toNanos(1) / rate;
            while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(seconds)) {
                long due = start + sent * periodNs;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                int i = random.nextInt(stations);
                mqtt.publish(topic(i) + "status", status(i, random), 1, true);
                sent++;
            }
            double wall = (System.nanoTime() - start) / 1e9;
            Thread.sleep(1500); // the last batch
            Map<String, Double> after = metrics(browser);
            Object patches = browser.executeScript("return [window.fleetPatches || 0, window.fleetPatchedRows || 0]");
            System.out.printf("updates sent %d in %.1f s (%.0f/s); page patches and rows patched: %s%n", sent, wall,
                    sent / wall, patches);
            for (String k : List.of("TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration")) {
                double busy = after.get(k) - before.get(k);
                System.out.printf("renderer %s: %.2f s in %.1f s = %.1f %% of one core%n", k, busy, wall + 1.5,
                        100 * busy / (wall + 1.5));
            }
        } finally {
            if (browser != null) {
                browser.quit();
            }
            if (mqtt != null) {
                mqtt.disconnect().waitForCompletion(5_000);
                mqtt.close();
            }
            central.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            broker.close();
        }
    }

    private static String topic(int i) {
        return "kiosk/v1/site-" + (i % 20) + "/st-" + i + "/";
    }

    private static byte[] status(int i, Random r) {
        String ref = "site-" + (i % 20) + "/st-" + i;
        return ("{\"v\":1,\"station\":\"" + ref + "\",\"door\":\"closed\",\"occupancy\":{\"inside\":" + r.nextInt(40)
                + ",\"capacity\":40},\"alarms\":[],\"lockdown\":false,\"clockSynced\":true,\"problems\":[],"
                + "\"lockers\":{\"free\":" + r.nextInt(10) + ",\"owned\":" + r.nextInt(10) + ",\"overdue\":0,"
                + "\"outOfService\":[]},\"health\":{\"outboxDepth\":" + r.nextInt(3) + ",\"diskFreeMb\":9000},"
                + "\"at\":\"" + Instant.now() + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Double> metrics(ChromeDriver d) {
        Map<String, Object> r = d.executeCdpCommand("Performance.getMetrics", Map.of());
        Map<String, Double> out = new java.util.HashMap<>();
        for (Map<String, Object> m : (List<Map<String, Object>>) r.get("metrics")) {
            out.put((String) m.get("name"), ((Number) m.get("value")).doubleValue());
        }
        return out;
    }
}
