// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.protocol.BadgeScope;
import org.unionkiosk.protocol.Badges;
import org.unionkiosk.protocol.SigningKey;
import org.unionkiosk.station.StationConfigs;
import org.unionkiosk.station.StationProcess;
import org.unionkiosk.station.screen.HeadlessChromium;

/**
 * A simulated station run as {@code union-kiosk run} on the mock platform: a person scans a badge, opens the door
 * through the simulated hardware and occupancy changes; the panel on the screen page moves the door in Chromium; the
 * controls answer loopback connections only and refuse what a foreign page could send.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class SimControlsIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    private StationProcess station(SigningKey key, String host) throws Exception {
        int port = StationProcess.freePort();
        Path cfg = StationConfigs.write(dir, key, port, StationConfigs.ACCESS);
        Files.writeString(cfg, Files.readString(cfg).replace("host: 127.0.0.1", "host: " + host));
        Path fifo = dir.resolve("scan.fifo");
        StationProcess.mkfifo(fifo);
        return StationProcess.start(cfg, fifo, port);
    }

    private static HttpResponse<String> post(StationProcess st, String path, boolean simHeader) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(st.url(path)))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (simHeader) {
            b.header("X-Sim", "1");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject status(StationProcess st) throws Exception {
        return new JsonObject(st.get("/status").body());
    }

    @Test
    void aPersonScansOpensTheDoorAndIsCountedInThenOutByTheExitButton() throws Exception {
        SigningKey key = Badges.newKey();
        try (StationProcess st = station(key, "127.0.0.1")) {
            st.scan(Badges.issue(key, Badges.card("m-1", Instant.now(), Duration.ofDays(1), BadgeScope.ALL)));
            await().atMost(Duration.ofSeconds(5)).until(() -> status(st).getString("door").equals("unlocked"));

            assertThat(post(st, "/sim/input?name=door&active=true", true).statusCode()).isEqualTo(200);
            assertThat(post(st, "/sim/input?name=door&active=false", true).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> status(st).getJsonObject("occupancy")
                    .getInteger("inside") == 1);

            assertThat(post(st, "/sim/press?name=exit", true).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(5)).until(() -> status(st).getString("door").equals("unlocked"));
            JsonObject sim = new JsonObject(st.get("/sim/state").body());
            assertThat(sim.getJsonObject("outputs").getBoolean("lock")).as("strike energised: released").isTrue();
            post(st, "/sim/input?name=door&active=true", true);
            post(st, "/sim/input?name=door&active=false", true);
            await().atMost(Duration.ofSeconds(5)).until(() -> status(st).getJsonObject("occupancy")
                    .getInteger("inside") == 0);
            assertThat(status(st).getJsonObject("occupancy").getInteger("exits")).isEqualTo(1);
        }
    }

    @Test
    void refusesAPostWithoutTheSimHeaderAnUnknownInputAndABadValue() throws Exception {
        try (StationProcess st = station(Badges.newKey(), "127.0.0.1")) {
            assertThat(post(st, "/sim/input?name=door&active=true", false).statusCode()).isEqualTo(403);
            assertThat(post(st, "/sim/input?name=window&active=true", true).body()).contains("no simulated input");
            assertThat(post(st, "/sim/input?name=door&active=yes", true).statusCode()).isEqualTo(400);
            assertThat(new JsonObject(st.get("/sim/state").body()).getJsonObject("inputs").getBoolean("door"))
                    .isFalse();
            assertThat(status(st).getString("door")).isEqualTo("locked");
        }
    }

    @Test
    void answersLoopbackConnectionsOnlyEvenWhenTheScreenListensOnEveryAddress() throws Exception {
        Optional<InetAddress> lan = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst();
        Assumptions.assumeTrue(lan.isPresent(), "this machine has no non-loopback IPv4 address");
        try (StationProcess st = station(Badges.newKey(), "0.0.0.0")) {
            String base = "http://" + lan.get().getHostAddress() + ":" + URI.create(st.url("/")).getPort();

            HttpResponse<String> remote = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/sim/state")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(remote.statusCode()).isEqualTo(404);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(st.get("/sim/state").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void thePanelOnTheScreenPageOpensTheSimulatedDoorInChromium() throws Exception {
        try (StationProcess st = station(Badges.newKey(), "127.0.0.1");
             HeadlessChromium page = HeadlessChromium.open(st.url("/"), Files.createDirectories(dir.resolve("p")))) {
            await().atMost(Duration.ofSeconds(15)).until(() -> page.eval("String(!!document.getElementById('sim-door'))")
                    .equals("true"));
            assertThat(page.eval("document.getElementById('sim-door').textContent")).isEqualTo("Door: closed");

            page.eval("document.getElementById('sim-door').click()");

            await().atMost(Duration.ofSeconds(5)).until(() -> status(st).getString("door").equals("open"));
            await().atMost(Duration.ofSeconds(5)).until(() -> page.eval(
                    "document.getElementById('sim-door').textContent").equals("Door: open"));
            assertThat(status(st).getJsonArray("alarms").getList()).contains("forced_open");
        }
    }
}
