// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.members;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import io.vertx.core.Vertx;
import java.io.ByteArrayInputStream;
import java.io.FileOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.unionkiosk.central.Broker;
import org.unionkiosk.central.CentralFiles;
import org.unionkiosk.central.InProcessCentral;
import org.unionkiosk.central.Sql;
import org.unionkiosk.central.console.Browser;
import org.unionkiosk.protocol.DoorToken;
import org.unionkiosk.protocol.KeyFiles;
import org.unionkiosk.protocol.SigningKey;
import org.unionkiosk.station.MockPi4j;
import org.unionkiosk.station.StationConfigs;
import org.unionkiosk.station.StationMain;
import org.unionkiosk.station.StationProcess;
import org.unionkiosk.station.config.ConfigLoader;

/**
 * The whole phone path on real parts: Mosquitto, central on SQLite, a station on Pi4J's mock platform, the door QR
 * read from the screen's image with ZXing, central's phone page in headless Chromium, the relay energised, the grant
 * recorded via phone; then the refusals (a 2-minute-old token, a reused one) and the phone code's replay cache
 * across a station restart.
 */
@Timeout(value = 180, unit = SECONDS)
class PhoneEntryIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @TempDir
    Path dir;
    private Broker broker;
    private InProcessCentral central;
    private Vertx stationVertx;
    private Context pi4j;
    private StationMain station;
    private ChromeDriver browser;
    private String jdbc;
    private int port;
    private final SigningKey stationKey = SigningKey.generate(new SecureRandom());
    private final AtomicBoolean relayEnergised = new AtomicBoolean();

    @AfterEach
    void tearDown() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        stopStation();
        if (central != null) {
            central.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void doorQrToPhonePageToRelayToGrantViaPhone() throws Exception {
        startAll();

        String url = decodeDoorQr();
        assertThat(url).startsWith("http://127.0.0.1:" + central.port + "/p?s=demo-site&t=station-1&k=");

        browser = Browser.start(dir.resolve("chromium"), 400, 800);
        browser.get(url);
        browser.findElement(By.name("phone")).sendKeys("13812341234");
        browser.findElement(By.cssSelector("input[name=occupation][value=courier]")).click();
        browser.findElement(By.cssSelector("input[name=consent]")).click();
        browser.findElement(By.id("submit")).click();

        await().atMost(Duration.ofSeconds(15)).until(() -> !browser.findElements(By.id("result")).isEmpty());
        assertThat(browser.findElement(By.id("result")).getAttribute("data-result")).isEqualTo("open");
        // Headless Chromium asks for en-US, so the page answers in English; zh-CN is checked below.
        assertThat(browser.findElement(By.id("result")).getText()).contains("Door open");
        assertThat(relayEnergised).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> Sql.count(jdbc, "SELECT count(*) FROM events WHERE "
                + "type = 'access.granted' AND body LIKE '%\"via\":\"phone\"%'") == 1);
        String member = Sql.text(jdbc, "SELECT member FROM events WHERE type = 'access.granted'");
        assertThat(member).startsWith("m-");
        assertThat(Sql.text(jdbc, "SELECT phone_enc FROM members WHERE member_id = ?", member))
                .isNotBlank().doesNotContain("13812341234");
        assertThat(Files.readString(dir.resolve("station/data/station.db"), StandardCharsets.ISO_8859_1))
                .doesNotContain("13812341234");

        // The member walks in: the lights follow the first entry, and central counts their hours.
        assertThat(MockPi4j.output(pi4j, "power-lights").state()).isEqualTo(DigitalState.LOW);
        MockPi4j.set(pi4j, "door-contact", true);
        MockPi4j.set(pi4j, "door-contact", false);
        await().atMost(Duration.ofSeconds(5)).until(() -> MockPi4j.output(pi4j, "power-lights").state()
                == DigitalState.HIGH);
        await().atMost(Duration.ofSeconds(10)).until(() -> Sql.count(jdbc, "SELECT count(*) FROM events WHERE "
                + "type = 'power.on' AND body LIKE '%\"cause\":\"entry\"%'") == 1);

        // The same QR again: central spent its nonce.
        browser.get(url);
        browser.findElement(By.id("open")).click();
        await().atMost(Duration.ofSeconds(15)).until(() -> !browser.findElements(By.id("result")).isEmpty());
        assertThat(browser.findElement(By.id("result")).getAttribute("data-result")).isEqualTo("reused");

        // A token minted two minutes ago.
        String old = DoorToken.mint(stationKey, "demo-site", "station-1", Instant.now().minusSeconds(120));
        browser.get("http://127.0.0.1:" + central.port + "/p?s=demo-site&t=station-1&lang=zh-CN&k=" + old);
        assertThat(browser.findElement(By.id("result")).getAttribute("data-result")).isEqualTo("expired");
        assertThat(browser.findElement(By.id("result")).getText()).contains("二维码已过期");
        assertThat(Sql.count(jdbc, "SELECT count(*) FROM commands WHERE name = 'unlock'")).isEqualTo(1);

        // The member's phone code, scanned twice at the station, and again after a restart.
        browser.get("http://127.0.0.1:" + central.port + "/p/code");
        String code = browser.findElement(By.cssSelector("#codes img:not([hidden])")).getAttribute("data-code");
        assertThat(code).startsWith("UK1:");
        assertThat(browser.findElements(By.cssSelector("#codes img"))).hasSize(PhoneCodes.AHEAD);
        scan(code);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(lastDecision())
                .contains("\"result\":\"granted\""));
        scan(code);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(lastDecision())
                .contains("\"reason\":\"replayed\""));
        stopStation();
        startStation();
        // A reader of the stopped station may still hold the FIFO for a moment: scan until the new one decides.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            scan(code);
            return !lastDecision().equals("null");
        });
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(lastDecision())
                .contains("\"reason\":\"replayed\""));

        // Visits served by occupation: the phone entry (first time) and the phone code (repeat); refusals are not.
        var api = central.client();
        assertThat(api.login("ops", "ops-password").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(api.get(
                "/console/api/visits.csv?period=day").body()).contains("demo-site/station-1,courier,2,1,1\r\n"));
        var month = api.get("/console/api/visits?period=month&site=demo-site").json();
        var power = api.get("/console/api/power-hours?site=demo-site").json();
        assertThat(power.getJsonArray("rows").getJsonObject(0).getString("output")).isEqualTo("lights");
        assertThat(power.getJsonArray("rows").getJsonObject(0).getDouble("hours")).isBetween(0.0, 0.1);
        assertThat(month.getLong("visits")).isEqualTo(2);
        assertThat(month.getLong("firstTime")).isEqualTo(1);
        assertThat(month.getInteger("peakHour")).isEqualTo(java.time.ZonedDateTime.now().getHour());

        // The same figures in the public API (a viewer may read them; nobody signed in may not) and in the site's
        // monthly report: its occupation rows equal the visits made.
        assertThat(api.get("/api/visits?period=day&site=demo-site&format=csv").body())
                .startsWith("\uFEFFstation,occupation,visits,first_time,repeat\r\n")
                .contains("demo-site/station-1,courier,2,1,1\r\n");
        assertThat(api.get("/api/visits?period=month&site=demo-site").json()).isEqualTo(month);
        assertThat(api.get("/api/visits?period=fortnight").status()).isEqualTo(400);
        assertThat(central.client().get("/api/visits?period=day").status()).isEqualTo(401);
        String ym = month.getString("from").substring(0, 7);
        var served = api.get("/api/usage/monthly/demo-site/" + ym).json().getJsonObject("visitsServed");
        assertThat(served.getJsonObject("byOccupation").fieldNames()).containsExactly("courier");
        var courier = served.getJsonObject("byOccupation").getJsonObject("courier");
        assertThat(java.util.List.of(courier.getLong("visits"), courier.getLong("firstTime"),
                courier.getLong("repeat"))).containsExactly(2L, 1L, 1L);
        assertThat(served.getLong("visits")).isEqualTo(month.getLong("visits"));
        assertThat(api.get("/api/usage/monthly/demo-site/" + ym + "?format=csv").body())
                .contains("\r\n\r\noccupation,visits_served,first_time,repeat\r\ncourier,2,1,1\r\ntotal,2,1,1\r\n");

        // Erasure from the phone page: the phone is gone, the visit stays counted without the member.
        browser.get("http://127.0.0.1:" + central.port + "/p/code");
        browser.executeScript("window.confirm = () => true;");
        browser.findElement(By.id("erase")).click();
        await().atMost(Duration.ofSeconds(5)).until(() -> "erased".equals(
                browser.findElement(By.id("result")).getAttribute("data-result")));
        assertThat(Sql.count(jdbc, "SELECT count(*) FROM members WHERE phone_enc IS NOT NULL")).isZero();
        assertThat(Sql.count(jdbc, "SELECT count(*) FROM visits WHERE member_id = 'erased'")).isEqualTo(2);
    }

    private void startAll() throws Exception {
        broker = Broker.start(dir.resolve("broker"));
        CentralFiles files = new CentralFiles(dir.resolve("central"));
        Files.createDirectories(dir.resolve("central/station-keys"));
        KeyFiles.writePublic(dir.resolve("central/station-keys/demo-site+station-1.pub"), stationKey.publicKey());
        jdbc = "jdbc:sqlite:" + dir.resolve("central/central.db");
        central = InProcessCentral.start(files.config("central-1", broker.url(), jdbc,
                "phone: {stationKeysDir: station-keys}\nfleet: {statusIntervalSeconds: 5}\n"), "ops:viewer");

        Path s = Files.createDirectories(dir.resolve("station"));
        Files.createDirectories(s.resolve("keys"));
        KeyFiles.writePublic(s.resolve("keys/central.pub"), files.commandKey.publicKey());
        KeyFiles.writePrivate(s.resolve("keys/station.key"), stationKey);
        Path cfg = StationConfigs.write(s, files.badgeKey, 0, StationConfigs.ACCESS + """
                mqtt:
                  url: %s
                  commandKeys: [keys/central.pub]
                  reconnectMinMs: 100
                  reconnectMaxMs: 800
                  statusIntervalSeconds: 5
                phone:
                  entryUrl: http://127.0.0.1:%d/p
                  keyFile: keys/station.key
                power:
                  outputs:
                    - {id: lights, kind: lights, pin: 16, offAfterMinutes: 1}
                """.formatted(broker.url(), central.port));
        // The relay stays energised long enough for the test to see it after the phone page has answered.
        Files.writeString(cfg, Files.readString(cfg).replace("unlockMs: 1000", "unlockMs: 20000"));
        StationProcess.mkfifo(s.resolve("scan.fifo"));
        startStation();
        await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count(jdbc, "SELECT count(*) FROM stations "
                + "WHERE station = 'demo-site/station-1' AND online = 1 AND status_at IS NOT NULL") == 1);
    }

    private void startStation() throws Exception {
        stationVertx = Vertx.vertx();
        pi4j = MockPi4j.newContext();
        station = new StationMain(stationVertx, pi4j);
        port = station.start(ConfigLoader.load(dir.resolve("station/kiosk.yaml")), Clock.systemDefaultZone())
                .await(20, SECONDS).port();
        MockPi4j.set(pi4j, "exit-button", true);
        MockPi4j.output(pi4j, "door-lock").addListener(e -> {
            if (e.state() == DigitalState.HIGH) {
                relayEnergised.set(true);
            }
        });
    }

    private void stopStation() throws Exception {
        if (station != null) {
            station.stop().await(10, SECONDS);
            stationVertx.close().await(10, SECONDS);
            station = null;
        }
    }

    private int stationPort() {
        return port;
    }

    /** What a phone does: read the QR from the image the screen page shows. */
    private String decodeDoorQr() throws Exception {
        String page = get("/").body();
        assertThat(page).contains("src=\"/door-qr.png\"");
        byte[] png = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stationPort()
                + "/door-qr.png")).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        var image = ImageIO.read(new ByteArrayInputStream(png));
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(image)))).getText();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stationPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String lastDecision() throws Exception {
        return String.valueOf(new io.vertx.core.json.JsonObject(get("/status").body()).getValue("lastDecision"));
    }

    private void scan(String text) throws Exception {
        try (var out = new FileOutputStream(dir.resolve("station/scan.fifo").toFile())) {
            out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }
}
