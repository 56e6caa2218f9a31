// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The demo talking to its central as the demo admin, through the same HTTP API a person or script uses: sign in,
 * list stations, send a command. Blocking (java.net.http): call on a worker.
 */
final class CentralApi {
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5)).build();
    private String csrf;

    CentralApi(String base) {
        this.base = base;
    }

    void login(String user, String password) throws IOException, InterruptedException {
        JsonObject answer = new JsonObject(send("POST", "/api/login",
                new JsonObject().put("username", user).put("password", password), 200));
        csrf = answer.getString("csrfToken");
    }

    JsonArray stations() throws IOException, InterruptedException {
        return new JsonArray(send("GET", "/api/stations", null, 200));
    }

    /** Signs and sends a command to a station; returns central's command record (its id to follow). */
    JsonObject command(String site, String station, String name, JsonObject args)
            throws IOException, InterruptedException {
        return new JsonObject(send("POST", "/api/stations/" + site + "/" + station + "/commands",
                new JsonObject().put("name", name).put("args", args), 202));
    }

    /** A new wall-display link (the console's users page makes the same); returns its token. */
    String wallLink(String label) throws IOException, InterruptedException {
        return new JsonObject(send("POST", "/console/api/wall-links", new JsonObject().put("label", label), 200))
                .getString("token");
    }

    private String send(String method, String path, JsonObject body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("accept", "application/json");
        if (body != null) {
            b.header("content-type", "application/json");
        }
        if (csrf != null && !method.equals("GET")) {
            b.header("x-csrf-token", csrf);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.encode()));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IOException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }
}
