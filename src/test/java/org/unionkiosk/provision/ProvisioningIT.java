// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.central.ApiClient;
import org.unionkiosk.central.CentralFiles;
import org.unionkiosk.central.InProcessCentral;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.unionkiosk.central.auth.Audit;
import org.unionkiosk.central.console.Browser;
import org.unionkiosk.central.provisioning.Provisioning;
import org.unionkiosk.central.store.Database;
import org.unionkiosk.protocol.ProvisioningCode;
import org.unionkiosk.station.StationConfigs;
import org.unionkiosk.station.StationProcess;
import org.unionkiosk.station.config.ConfigLoader;
import org.unionkiosk.station.config.StationConfig;
import org.unionkiosk.station.telemetry.Mosquitto;
import org.unionkiosk.testing.TestProcesses;

/**
 * Provisioning end to end: central (in this JVM, SQLite) behind a relay, a real Mosquitto whose password and ACL
 * files central writes and reloads, {@code union-kiosk provision} as its own process, and the station it wrote
 * the config for started from the jar until central shows it online. Then a replayed, an unknown and an expired
 * claim, a power cut between central's answer and the Pi hearing it, an SD-card swap that retires the first
 * identity's broker account, and the console page (headless Chromium) making a claim whose QR scans.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProvisioningIT {
    @TempDir
    static Path dir;
    static Mosquitto broker;
    static CentralFiles files;
    static InProcessCentral central;
    static HoldingProxy proxy;
    static ApiClient tina;
    static Path passwords;
    static Path acl;
    static String jdbc;
    static String station1Code;
    static final List<StationProcess> STATIONS = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path b = Files.createDirectories(dir.resolve("broker"));
        passwords = b.resolve("passwd");
        acl = b.resolve("acl");
        Files.createFile(passwords);
        int rc = TestProcesses.start(new ProcessBuilder("mosquitto_passwd", "-b", passwords.toString(), "central",
                "central-secret").inheritIO()).waitFor();
        assertThat(rc).isZero();
        // Central's own line only: the stations' rights must come from the block central writes.
        Files.writeString(acl, "user central\ntopic readwrite kiosk/v1/#\n");
        broker = Mosquitto.start(b, "allow_anonymous false\npassword_file " + passwords + "\nacl_file " + acl + "\n");

        files = new CentralFiles(dir.resolve("central"));
        Files.writeString(files.dir.resolve("broker.password"), "central-secret\n");
        int httpPort = StationProcess.freePort();
        proxy = new HoldingProxy(httpPort);
        jdbc = "jdbc:sqlite:" + files.dir.resolve("central.db");
        Path cfg = files.dir.resolve("central.yaml");
        Files.writeString(cfg, """
                instance: prov
                http: {host: 127.0.0.1, port: %d, secureCookies: false}
                mqtt: {url: '%s', group: prov, username: central, passwordFile: broker.password}
                database: {url: '%s'}
                fleet: {statusIntervalSeconds: 5}
                secrets:
                  commandKeyFile: secrets/command.key
                  badgeKeyFile: secrets/badge.key
                  memberDataKeyFile: secrets/member-data.key
                  sessionSecretFile: secrets/session.key
                provisioning:
                  publicUrl: %s
                  brokerPasswordFile: %s
                  brokerAclFile: %s
                  reloadCommand: kill -HUP %d
                """.formatted(httpPort, broker.url(), jdbc, proxy.url(), passwords, acl, broker.pid()));
        central = InProcessCentral.start(cfg, "tina:technician", "vic:viewer");
        tina = central.client();
        assertThat(tina.login("tina", "tina-password").status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() throws Exception {
        for (StationProcess s : STATIONS) {
            s.close();
        }
        if (central != null) {
            central.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** A Pi as unboxed: the package's kiosk.yaml (here the simulated wiring) and nothing from central. */
    static Path pi(String name, int httpPort) throws Exception {
        Path etc = Files.createDirectories(dir.resolve(name + "/etc"));
        StationConfigs.write(etc, files.badgeKey, httpPort, """
                access: {requireClockSync: false}
                mqtt: {reconnectMinMs: 100, reconnectMaxMs: 800, statusIntervalSeconds: 5}
                """);
        Files.delete(etc.resolve("keys/union.pub")); // the union's key comes from central
        StationProcess.mkfifo(etc.resolve("scan.fifo"));
        return etc;
    }

    static Path data(Path etc) {
        return etc.resolveSibling("var");
    }

    static String claim(String station) throws Exception {
        ApiClient.Answer a = tina.post("/api/provisioning/claims", new JsonObject().put("site", "demo-site")
                .put("station", station));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        assertThat(a.json().getString("qrPng")).isNotEmpty();
        return a.json().getString("code");
    }

    static int provision(Path etc, String code, Path out) throws Exception {
        return StationProcess.runCli(out, "provision", code, "--config-dir", etc.toString(), "--data-dir",
                data(etc).toString(), "--serial", "10000000" + etc.getParent().getFileName());
    }

    static JsonObject status(String station) throws Exception {
        JsonArray all = tina.get("/api/provisioning").array();
        for (int i = 0; i < all.size(); i++) {
            JsonObject o = all.getJsonObject(i);
            if (o.getString("station").equals("demo-site/" + station) && !"retired".equals(o.getString("status"))) {
                return o;
            }
        }
        return new JsonObject();
    }

    @Test
    @Order(1)
    void onlyTechniciansAndAdminsMakeClaims() throws Exception {
        ApiClient vic = central.client();
        assertThat(vic.login("vic", "vic-password").status()).isEqualTo(200);
        assertThat(vic.post("/api/provisioning/claims", new JsonObject().put("site", "demo-site")
                .put("station", "x")).status()).isEqualTo(403);
        ApiClient.Answer bad = tina.post("/api/provisioning/claims", new JsonObject().put("site", "Demo Site")
                .put("station", "x"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().getString("field")).isEqualTo("site");
    }

    @Test
    @Order(2)
    void aClaimEnrolsTheStationWhichComesOnline() throws Exception {
        int port = StationProcess.freePort();
        Path etc = pi("pi-1", port);
        station1Code = claim("station-1");
        assertThat(status("station-1").getString("status")).isEqualTo("claimed");

        // Central keeps only the secret's hash.
        String secret = ProvisioningCode.parse(station1Code).secret();
        try (var c = DriverManager.getConnection(jdbc);
             ResultSet rs = c.createStatement().executeQuery("SELECT * FROM provisioning_claims")) {
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    assertThat(String.valueOf(rs.getObject(i))).doesNotContain(secret);
                }
            }
        }

        Path out = dir.resolve("pi-1/provision.out");
        assertThat(provision(etc, station1Code, out)).as(Files.readString(out)).isZero();
        assertThat(Files.readString(out)).contains("[1/4]", "[2/4]", "[3/4]", "[4/4]",
                "Provisioned as demo-site/station-1", "Next: start the station");
        assertThat(data(etc).resolve("provisioned")).exists();
        assertThat(data(etc).resolve("enrolment.json")).doesNotExist();
        assertThat(status("station-1").getString("status")).isEqualTo("pending");

        StationConfig cfg = ConfigLoader.load(etc.resolve("kiosk.yaml"));
        assertThat(cfg.stationRef()).isEqualTo("demo-site/station-1");
        assertThat(cfg.mqtt().username()).isEqualTo("demo-site/station-1");
        assertThat(cfg.mqtt().commandKeys()).containsExactly(files.commandKey.publicKey());
        assertThat(cfg.access().trustedKeys()).containsExactly(files.badgeKey.publicKey());
        assertThat(cfg.dataDir()).isEqualTo(data(etc).toAbsolutePath());
        assertThat(Files.readString(acl)).contains("user demo-site/station-1");

        STATIONS.add(StationProcess.start(etc.resolve("kiosk.yaml"), etc.resolve("scan.fifo"), port));
        await().atMost(Duration.ofSeconds(60)).until(() -> "online".equals(status("station-1").getString("status")));
        assertThat(tina.get("/api/stations/demo-site/station-1").json().getString("presence")).isEqualTo("online");
    }

    @Test
    @Order(3)
    void theSameClaimAgainChangesNothingAndAnotherPiCannotReplayIt() throws Exception {
        Path etc = dir.resolve("pi-1/etc");
        String before = Files.readString(etc.resolve("kiosk.yaml"));
        Path out = dir.resolve("pi-1/again.out");
        assertThat(provision(etc, station1Code, out)).as(Files.readString(out)).isZero();
        assertThat(Files.readString(out)).contains("Already provisioned as demo-site/station-1");
        assertThat(Files.readString(etc.resolve("kiosk.yaml"))).isEqualTo(before);

        Path thief = pi("pi-replay", StationProcess.freePort());
        Path tout = dir.resolve("pi-replay/provision.out");
        assertThat(provision(thief, station1Code, tout)).isEqualTo(1);
        assertThat(Files.readString(tout)).contains("central refused the claim", "already used", "make a new one");
        assertThat(data(thief).resolve("provisioned")).doesNotExist();
        assertThat(Files.readString(thief.resolve("kiosk.yaml"))).doesNotContain("passwordFile");
    }

    @Test
    @Order(4)
    void unknownAndExpiredClaimsAreRefused() throws Exception {
        Path etc = pi("pi-refused", StationProcess.freePort());
        Path out = dir.resolve("pi-refused/unknown.out");
        String unknown = ProvisioningCode.generate(java.net.URI.create(proxy.url()), new SecureRandom()).text();
        assertThat(provision(etc, unknown, out)).isEqualTo(1);
        assertThat(Files.readString(out)).contains("central refused the claim", "unknown to central");

        // A claim made 16 minutes ago, by central's own code with its clock set back.
        Vertx vertx = Vertx.vertx();
        String expired;
        try (Database db = Database.open(vertx, central.cfg.database())) {
            Clock past = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-16));
            Provisioning p = new Provisioning(vertx, db, central.cfg.provisioning(), files.badgeKey.publicKey(),
                    files.commandKey.publicKey(), new Audit(past), past);
            expired = db.txBlocking(c -> p.createClaim(c, "test", "localhost", "demo-site", "station-9", null))
                    .code();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        Path eout = dir.resolve("pi-refused/expired.out");
        assertThat(provision(etc, expired, eout)).isEqualTo(1);
        assertThat(Files.readString(eout)).contains("central refused the claim", "expired at", "make a new one");
        assertThat(data(etc).resolve("provisioned")).doesNotExist();
        assertThat(Files.readString(passwords)).doesNotContain("station-9");
    }

    @Test
    @Order(5)
    void aPowerCutWhileCentralAnswersThenARerunCompletes() throws Exception {
        int port = StationProcess.freePort();
        Path etc = pi("pi-2", port);
        String code = claim("station-2");
        String before = Files.readString(etc.resolve("kiosk.yaml"));
        proxy.hold.set(true);
        int answeredBefore = proxy.answered.get();
        Process p;
        try {
            p = TestProcesses.start(new ProcessBuilder("java", "-jar", StationProcess.jar().toString(), "provision",
                    code, "--config-dir", etc.toString(), "--data-dir", data(etc).toString(), "--serial", "1000cut")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("pi-2/cut.out").toFile()));
            // Central has spent the claim and answered; the Pi has not heard it yet.
            await().atMost(Duration.ofSeconds(60)).until(() -> proxy.answered.get() > answeredBefore);
            assertThat(proxy.lastStatus.get()).isEqualTo(200);
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } finally {
            proxy.hold.set(false);
        }
        assertThat(etc.resolve("station.key")).exists();
        assertThat(data(etc).resolve("provisioned")).doesNotExist();
        assertThat(Files.readString(etc.resolve("kiosk.yaml"))).isEqualTo(before);
        assertThat(status("station-2").getString("status")).isEqualTo("pending");

        Path out = dir.resolve("pi-2/rerun.out");
        assertThat(provision(etc, code, out)).as(Files.readString(out)).isZero();
        assertThat(Files.readString(out)).contains("resuming with key", "Provisioned as demo-site/station-2");
        long identities = tina.get("/api/provisioning").array().stream()
                .filter(o -> ((JsonObject) o).getString("station").equals("demo-site/station-2")).count();
        assertThat(identities).isEqualTo(1);

        STATIONS.add(StationProcess.start(etc.resolve("kiosk.yaml"), etc.resolve("scan.fifo"), port));
        await().atMost(Duration.ofSeconds(60)).until(() -> "online".equals(status("station-2").getString("status")));
    }

    @Test
    @Order(6)
    void reProvisioningAfterAnSdCardSwapRetiresTheOldIdentity() throws Exception {
        Path oldEtc = dir.resolve("pi-1/etc");
        String oldPassword = Files.readString(oldEtc.resolve("mqtt.password")).strip();
        STATIONS.remove(0).close(); // the old card is pulled (TestProcesses already stopped it after its test)

        int port = StationProcess.freePort();
        Path etc = pi("pi-1-new-card", port);
        Path out = dir.resolve("pi-1-new-card/provision.out");
        assertThat(provision(etc, claim("station-1"), out)).as(Files.readString(out)).isZero();
        assertThat(Files.readString(out)).contains("its earlier identity is retired");

        assertThatThrownBy(() -> connect("demo-site/station-1", oldPassword))
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isIn(
                        (int) MqttException.REASON_CODE_FAILED_AUTHENTICATION,
                        (int) MqttException.REASON_CODE_NOT_AUTHORIZED));
        connect("demo-site/station-1", Files.readString(etc.resolve("mqtt.password")).strip());

        JsonArray all = tina.get("/api/provisioning").array();
        assertThat(all.stream().map(o -> (JsonObject) o)
                .filter(o -> o.getString("station").equals("demo-site/station-1"))
                .map(o -> o.getString("status"))).contains("retired").hasSize(2);

        STATIONS.add(StationProcess.start(etc.resolve("kiosk.yaml"), etc.resolve("scan.fifo"), port));
        await().atMost(Duration.ofSeconds(60)).until(() -> "online".equals(status("station-1").getString("status")));
    }

    @Test
    @Order(7)
    void aTechnicianMakesTheClaimInTheConsoleAndSeesTheStationPending() throws Exception {
        ChromeDriver browser = Browser.start(dir.resolve("chrome"), 1280, 900);
        try {
            String base = "http://127.0.0.1:" + central.port;
            browser.get(base + "/console/login.html");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username"))).sendKeys("tina");
            browser.findElement(By.id("password")).sendKeys("tina-password");
            browser.findElement(By.id("submit")).click();
            wait.until(ExpectedConditions.urlToBe(base + "/console/"));
            browser.get(base + "/console/provisioning.html");
            WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("claim")));
            form.findElement(By.name("site")).sendKeys("demo-site");
            form.findElement(By.name("station")).sendKeys("station-3");
            form.findElement(By.tagName("button")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("code")));
            String code = browser.findElement(By.id("codetext")).getText();
            String src = browser.findElement(By.id("qr")).getAttribute("src");
            var image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(java.util.Base64.getDecoder()
                    .decode(src.substring(src.indexOf(',') + 1))));
            String scanned = new com.google.zxing.qrcode.QRCodeReader().decode(new com.google.zxing.BinaryBitmap(
                    new com.google.zxing.common.HybridBinarizer(
                            new com.google.zxing.client.j2se.BufferedImageLuminanceSource(image)))).getText();
            assertThat(scanned).isEqualTo(code).startsWith("UKP1:" + proxy.url() + "#");
            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("tr[data-station='demo-site/station-3'][data-status='claimed']")));
            assertThat(browser.findElements(By.cssSelector("tr[data-station='demo-site/station-1'][data-status="
                    + "'retired']"))).as(tina.get("/api/provisioning").body()).hasSize(1);

            Path etc = pi("pi-3", StationProcess.freePort());
            Path out = dir.resolve("pi-3/provision.out");
            assertThat(provision(etc, scanned, out)).as(Files.readString(out)).isZero();
            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("tr[data-station='demo-site/station-3'][data-status='pending']")));
        } finally {
            browser.quit();
        }
    }

    static void connect(String user, String password) throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(broker.url(), "check-" + System.nanoTime(), new MemoryPersistence());
        try {
            MqttConnectOptions o = new MqttConnectOptions();
            o.setUserName(user);
            o.setPassword(password.toCharArray());
            c.connect(o).waitForCompletion(5000);
            c.disconnect().waitForCompletion(5000);
        } finally {
            c.close(true);
        }
    }
}
