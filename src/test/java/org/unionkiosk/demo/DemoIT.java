// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.station.StationProcess;
import org.unionkiosk.testing.TestProcesses;

/**
 * {@code union-kiosk demo} as a person runs it, for a bounded time: every station comes online at central, members'
 * visits reach central, a command sent through central's API is answered by a demo station, and Ctrl-C (SIGINT)
 * stops everything with exit status 0 and every station recorded offline in central's database.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class DemoIT {
    private static final int STATIONS = 3;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5)).build();
    private String csrf;

    @TempDir
    Path dir;

    @Test
    void runsStationsMembersAndCentralThenStopsCleanlyOnCtrlC() throws Exception {
        Path data = dir.resolve("data");
        Path out = dir.resolve("demo.out");
        // Lunch time at an hour a minute: riders and drivers come by within seconds.
        Process demo = TestProcesses.start(new ProcessBuilder("java", "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-jar",
                StationProcess.jar().toAbsolutePath().toString(), "demo", "--stations", "" + STATIONS,
                "--speed", "60", "--start", "12:00", "--port", "0", "--data", data.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertThat(demo.isAlive()).as("demo running: %s", read(out)).isTrue();
            return read(out).contains("Press Ctrl-C to stop.");
        });
        String printed = read(out);
        String api = find(printed, "API:\\s+(\\S+)");
        String password = find(printed, "sign in as:\\s+admin / (\\S+)");
        assertThat(find(printed, "console:\\s+(\\S+)")).endsWith("/console/");
        assertThat(find(printed, "wall display:\\s+(\\S+)")).contains("/wall/");
        login(api, password);

        await().atMost(Duration.ofSeconds(60)).until(() -> stations(api).stream()
                .filter(s -> "online".equals(((JsonObject) s).getString("presence"))).count() == STATIONS);
        await().atMost(Duration.ofSeconds(90)).until(() -> count(data, "SELECT count(*) FROM events "
                + "WHERE type = 'occupancy.entered'") > 0);

        JsonObject sent = send(api, "/stations/sz-nanshan/st-001/commands", new JsonObject().put("name", "unlock")
                .put("args", new JsonObject().put("ms", "1000")));
        await().atMost(Duration.ofSeconds(30)).until(() -> !"pending".equals(command(api, sent.getString("id"))
                .getString("outcome")));
        assertThat(command(api, sent.getString("id")).getString("outcome")).isEqualTo("ok");

        new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).start().waitFor();
        assertThat(demo.waitFor(90, TimeUnit.SECONDS)).as("demo stopped: %s", read(out)).isTrue();
        assertThat(demo.exitValue()).as(read(out)).isZero();
        assertThat(count(data, "SELECT count(*) FROM stations")).isEqualTo(STATIONS);
        assertThat(count(data, "SELECT count(*) FROM stations WHERE online <> 0")).isZero();
    }

    private static String read(Path f) throws Exception {
        return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("'%s' in: %s", regex, text).isTrue();
        return m.group(1);
    }

    private static long count(Path data, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + data.resolve("central.db")
                + "?mode=ro");
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private void login(String api, String password) throws Exception {
        csrf = new JsonObject(call("POST", api + "/login", new JsonObject().put("username", "admin")
                .put("password", password), 200)).getString("csrfToken");
    }

    private JsonArray stations(String api) throws Exception {
        return new JsonArray(call("GET", api + "/stations", null, 200));
    }

    private JsonObject send(String api, String path, JsonObject body) throws Exception {
        return new JsonObject(call("POST", api + path, body, 202));
    }

    private JsonObject command(String api, String id) throws Exception {
        return new JsonObject(call("GET", api + "/commands/" + id, null, 200));
    }

    private String call(String method, String url, JsonObject body, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.encode()));
        if (body != null) {
            b.header("content-type", "application/json");
        }
        if (csrf != null) {
            b.header("x-csrf-token", csrf);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("%s %s: %s", method, url, r.body()).isEqualTo(expected);
        return r.body();
    }

}
