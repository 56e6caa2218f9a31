// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.members;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.central.ApiClient;
import org.unionkiosk.central.CentralFiles;
import org.unionkiosk.central.CentralProcess;
import org.unionkiosk.central.InProcessCentral;
import org.unionkiosk.central.Sql;

/** The member register and badges through the API, on a real SQLite file. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MembersIT {
    @TempDir
    static Path dir;
    static InProcessCentral central;
    static ApiClient alice;
    static ApiClient vic;
    static String db;

    @BeforeAll
    static void start() throws Exception {
        CentralFiles files = new CentralFiles(dir);
        db = "jdbc:sqlite:" + dir.resolve("members.db");
        central = InProcessCentral.start(files.config("members", "tcp://127.0.0.1:" + CentralProcess.freePort(), db,
                ""), "alice:admin", "vic:viewer");
        alice = central.client();
        alice.login("alice", "alice-password");
        vic = central.client();
        vic.login("vic", "vic-password");
    }

    @AfterAll
    static void stop() throws Exception {
        if (central != null) {
            central.close();
        }
    }

    static JsonObject register(String id, String phone) throws Exception {
        ApiClient.Answer a = alice.post("/api/members", new JsonObject().put("memberId", id)
                .put("name", "<img src=x onerror=alert(1)>王芳").put("phone", phone).put("occupation", "courier")
                .put("union", "Shenzhen Couriers' Union"));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json();
    }

    @Test
    void phonesAreEncryptedAtRestAndShownMasked() throws Exception {
        JsonObject m = register("m-1001", "13812345678");

        assertThat(m.getString("phone")).isEqualTo("138******78");
        assertThat(m.getString("name")).isEqualTo("<img src=x onerror=alert(1)>王芳");
        assertThat(vic.get("/api/members/m-1001").json().getString("phone")).isEqualTo("138******78");
        assertThat(Sql.text(db, "SELECT phone_enc FROM members WHERE member_id = 'm-1001'"))
                .isNotBlank().doesNotContain("13812345678");
        assertThat(alice.get("/api/members/m-1001/export").json().getJsonObject("member").getString("phone"))
                .isEqualTo("13812345678");
        assertThat(vic.get("/api/members/m-1001/export").status()).isEqualTo(403);
        assertThat(alice.post("/api/members", new JsonObject().put("memberId", "m-1001")).status()).isEqualTo(409);
    }

    @Test
    void aBadgeIsIssuedPrintedAsQrAndRevokedEverywhere() throws Exception {
        register("m-2002", "13900000000");

        ApiClient.Answer issued = alice.post("/api/members/m-2002/badges", new JsonObject().put("validDays", 30));
        String badgeId = issued.json().getString("badgeId");
        var png = alice.send("GET", "/api/badges/" + badgeId + "/qr.png", null, false);
        var bytes = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + central.port + "/api/badges/" + badgeId + "/qr.png"))
                .header("cookie", "x=y").build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());

        assertThat(issued.status()).isEqualTo(201);
        assertThat(issued.json().getString("text")).startsWith("UK1:");
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(bytes.statusCode()).isEqualTo(401);
        assertThat(vic.send("GET", "/api/badges/" + badgeId + "/qr.png", null, false).statusCode()).isEqualTo(403);
        assertThat(alice.get("/api/members/m-2002/badges").array()).hasSize(1);
        assertThat(alice.post("/api/badges/" + badgeId + "/revoke", null).status()).isEqualTo(200);
        assertThat(alice.get("/api/desired").body()).contains(badgeId);
        assertThat(alice.get("/api/members/m-2002/badges").array().getJsonObject(0).getString("status"))
                .isEqualTo("revoked");
    }

    @Test
    void theQrCodeDecodesToTheIssuedBadge() throws Exception {
        register("m-3003", "13700000000");
        String text = alice.post("/api/members/m-3003/badges", new JsonObject()).json().getString("text");
        String badgeId = alice.get("/api/members/m-3003/badges").array().getJsonObject(0).getString("badgeId");

        byte[] png = ApiClientBytes.get(alice, central.port, "/api/badges/" + badgeId + "/qr.png");
        var image = ImageIO.read(new ByteArrayInputStream(png));
        String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(image)))).getText();

        assertThat(decoded).isEqualTo(text);
    }

    @Test
    void suspensionGoesToEveryStationAndErasureKeepsOnlyAnAnonymousId() throws Exception {
        register("m-4004", "13600000000");
        try (var c = DriverManager.getConnection(db); var s = c.createStatement()) {
            s.execute("INSERT INTO events (station, seq, ts, type, member, body, received_at) VALUES ('s-1/st-1', 1, 0, "
                    + "'access.granted', 'm-4004', '{\"v\":1,\"member\":\"m-4004\"}', 0)");
        }

        assertThat(alice.post("/api/members/m-4004/suspend", null).status()).isEqualTo(200);
        assertThat(alice.get("/api/desired").body()).contains("\"member\":\"m-4004\"");
        JsonObject erased = alice.post("/api/members/m-4004/erase", null).json();

        JsonObject m = alice.get("/api/members/m-4004").json();
        assertThat(m.getString("name")).isNull();
        assertThat(m.getString("phone")).isNull();
        assertThat(m.getString("status")).isEqualTo("erased");
        assertThat(Sql.count(db, "SELECT COUNT(*) FROM events WHERE member = 'm-4004' OR body LIKE '%m-4004%'"))
                .isZero();
        assertThat(Sql.count(db, "SELECT COUNT(*) FROM events WHERE member = ?", erased.getString("eventsNowAs")))
                .isEqualTo(1);
        assertThat(Sql.count(db, "SELECT COUNT(*) FROM audit WHERE action = 'member.erase'")).isEqualTo(1);
    }
}
