// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A browser-like API client: keeps the session cookie, sends the CSRF token unless told not to. */
public final class ApiClient {
    /** One answer. */
    public record Answer(int status, String body) {
        public JsonObject json() {
            return new JsonObject(body);
        }

        public io.vertx.core.json.JsonArray array() {
            return new io.vertx.core.json.JsonArray(body);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;
    private String cookie;
    public String csrf;

    public ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public Answer login(String user, String password) throws Exception {
        HttpResponse<String> r = send("POST", "/api/login", new JsonObject().put("username", user)
                .put("password", password).encode(), false);
        r.headers().firstValue("set-cookie").ifPresent(c -> cookie = c.substring(0, c.indexOf(';')));
        if (r.statusCode() == 200) {
            csrf = new JsonObject(r.body()).getString("csrfToken");
        }
        return new Answer(r.statusCode(), r.body());
    }

    public String cookie() {
        return cookie;
    }

    public Answer get(String path) throws Exception {
        HttpResponse<String> r = send("GET", path, null, false);
        return new Answer(r.statusCode(), r.body());
    }

    public Answer post(String path, JsonObject body) throws Exception {
        HttpResponse<String> r = send("POST", path, body == null ? null : body.encode(), true);
        return new Answer(r.statusCode(), r.body());
    }

    public Answer postWithoutCsrf(String path, JsonObject body) throws Exception {
        HttpResponse<String> r = send("POST", path, body == null ? null : body.encode(), false);
        return new Answer(r.statusCode(), r.body());
    }

    public HttpResponse<String> send(String method, String path, String body, boolean withCsrf) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("content-type", "application/json");
        }
        if (cookie != null) {
            b.header("cookie", cookie);
        }
        if (withCsrf && csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
