// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.central.ApiClient;
import org.unionkiosk.central.CentralFiles;
import org.unionkiosk.central.CentralProcess;
import org.unionkiosk.central.InProcessCentral;

/** The API's authorisation matrix, CSRF, validation and login limits, on a real HTTP server and SQLite file. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ApiAuthIT {
    @TempDir
    static Path dir;
    static InProcessCentral central;

    /** One state-changing or reading call of the API. */
    record Call(String method, String path, JsonObject body) {
    }

    static final JsonObject COMMAND = new JsonObject().put("name", "rebirth");
    static final List<Call> READS = List.of(new Call("GET", "/api/stations", null),
            new Call("GET", "/api/stations/site-a/st-1", null), new Call("GET", "/api/desired", null),
            new Call("GET", "/api/rejects", null), new Call("GET", "/api/stations/site-a/st-1/commands", null),
            new Call("GET", "/api/visits?period=week&at=2026-03-04", null));
    static final Call SEND = new Call("POST", "/api/stations/site-a/st-1/commands", COMMAND);
    static final Call REVOKE = new Call("POST", "/api/desired", new JsonObject().put("command", "revoke")
            .put("argName", "member").put("value", "m-1").put("scope", "*"));
    static final Call ADD_USER = new Call("POST", "/api/users", new JsonObject().put("name", "newbie")
            .put("role", "viewer").put("password", "long-enough-password"));
    static final Call USERS = new Call("GET", "/api/users", null);
    static final Call AUDIT = new Call("GET", "/api/audit", null);

    @BeforeAll
    static void start() throws Exception {
        CentralFiles files = new CentralFiles(dir);
        // No broker: the matrix does not need one, and commands then fail after authorisation (404/503).
        Path cfg = files.config("api", "tcp://127.0.0.1:" + CentralProcess.freePort(),
                "jdbc:sqlite:" + dir.resolve("api.db"), "");
        central = InProcessCentral.start(cfg, "alice:admin", "tom:technician", "vic:viewer", "stormy:viewer",
                "lena:viewer");
    }

    @AfterAll
    static void stop() throws Exception {
        if (central != null) {
            central.close();
        }
    }

    static int status(ApiClient c, Call call) throws Exception {
        return c.send(call.method(), call.path(), call.body() == null ? null : call.body().encode(), true)
                .statusCode();
    }

    static ApiClient as(String user) throws Exception {
        ApiClient c = central.client();
        assertThat(c.login(user, new String(InProcessCentral.password(user))).status()).isEqualTo(200);
        return c;
    }

    @Nested
    class WithoutASession {
        @Test
        void everyOperationButLoginAndTheDocumentIsRefusedWith401() throws Exception {
            ApiClient anonymous = central.client();

            for (Call call : List.of(READS.get(0), READS.get(1), READS.get(5), SEND, REVOKE, ADD_USER, USERS, AUDIT)) {
                assertThat(status(anonymous, call)).as(call.toString()).isEqualTo(401);
            }
            assertThat(anonymous.get("/api/openapi.yaml").body()).contains("openapi: 3.1.0");
        }
    }

    @Nested
    class ByRole {
        @Test
        void viewerReadsButChangesNothing() throws Exception {
            ApiClient vic = as("vic");

            assertThat(status(vic, READS.get(0))).isEqualTo(200);
            assertThat(status(vic, READS.get(2))).isEqualTo(200);
            assertThat(status(vic, READS.get(3))).isEqualTo(200);
            JsonObject week = vic.get(READS.get(5).path()).json();
            assertThat(List.of(week.getString("from"), week.getString("to"))).containsExactly("2026-03-02",
                    "2026-03-09");
            assertThat(week.getLong("visits")).isZero();
            for (Call call : List.of(SEND, REVOKE, ADD_USER, USERS, AUDIT)) {
                assertThat(status(vic, call)).as(call.toString()).isEqualTo(403);
            }
        }

        @Test
        void technicianSendsCommandsButManagesNoMembersOrUsers() throws Exception {
            ApiClient tom = as("tom");

            // Authorised: the station is unknown to central, so 404, not 403.
            assertThat(status(tom, SEND)).isEqualTo(404);
            for (Call call : List.of(REVOKE, ADD_USER, USERS, AUDIT)) {
                assertThat(status(tom, call)).as(call.toString()).isEqualTo(403);
            }
        }

        @Test
        void adminDoesEverythingAndEveryChangeIsAudited() throws Exception {
            ApiClient alice = as("alice");

            assertThat(status(alice, REVOKE)).isEqualTo(201);
            assertThat(status(alice, ADD_USER)).isIn(201, 400); // 400 when another test added newbie first
            assertThat(status(alice, USERS)).isEqualTo(200);
            assertThat(alice.get("/api/audit").array().stream().map(e -> ((JsonObject) e).getString("action")))
                    .contains("login", "desired.revoke", "user.add");
        }
    }

    @Nested
    class Csrf {
        @Test
        void aChangeWithoutOrWithAWrongTokenIsRefused() throws Exception {
            ApiClient alice = as("alice");

            assertThat(alice.postWithoutCsrf("/api/desired", REVOKE.body()).status()).isEqualTo(403);
            alice.csrf = "forged";
            assertThat(alice.post("/api/desired", REVOKE.body()).json().getString("error")).isEqualTo("csrf");
        }
    }

    @Nested
    class Validation {
        @Test
        void aBadBodyGetsA400NamingTheField() throws Exception {
            ApiClient alice = as("alice");

            ApiClient.Answer unknown = alice.post("/api/stations/site-a/st-1/commands",
                    new JsonObject().put("nme", "unlock"));
            ApiClient.Answer badArg = alice.post("/api/desired", REVOKE.body().copy().put("scope", "'; DROP--"));
            ApiClient.Answer html = alice.post("/api/desired", REVOKE.body().copy().put("value", "<b>x</b>"));

            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.json().getString("field")).isIn("name", "nme");
            assertThat(badArg.status()).isEqualTo(400);
            assertThat(badArg.json().getString("field")).isEqualTo("scope");
            assertThat(html.status()).isEqualTo(400);
            assertThat(html.json().getString("field")).isEqualTo("args.member");
        }

        @Test
        void anUnknownCommandNameIsNamed() throws Exception {
            ApiClient tom = as("tom");

            ApiClient.Answer a = tom.post("/api/stations/site-a/st-1/commands", new JsonObject().put("name", "explode"));

            assertThat(a.status()).isEqualTo(400);
            assertThat(a.json().getString("field")).isEqualTo("name");
        }
    }

    @Nested
    class LoginStorm {
        @Test
        void fiveWrongPasswordsLockTheAccountEvenForTheRightOne() throws Exception {
            ApiClient c = central.client();

            for (int i = 0; i < 5; i++) {
                assertThat(c.login("stormy", "wrong-" + i).status()).isEqualTo(401);
            }

            assertThat(c.login("stormy", new String(InProcessCentral.password("stormy"))).status()).isEqualTo(429);
        }

        @Test
        void theSessionCookieIsHttpOnlyAndStrict() throws Exception {
            var r = central.client().send("POST", "/api/login", new JsonObject().put("username", "vic")
                    .put("password", new String(InProcessCentral.password("vic"))).encode(), false);

            // Attribute names are case-insensitive (RFC 6265); Vert.x writes HTTPOnly.
            assertThat(r.headers().firstValue("set-cookie").orElseThrow()).containsIgnoringCase("; HttpOnly")
                    .contains("SameSite=Strict").doesNotContain("Secure");
        }
    }

    @Test
    void theConsolesLiveStreamEndsOnceItsSessionIsOver() throws Exception {
        ApiClient c = as("lena");
        HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + central.port + "/console/api/live")).header("cookie", c.cookie())
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);

        assertThat(c.post("/api/logout", null).status()).isEqualTo(204);

        // The stream is read to its end: the feed's session sweep (every 15 s) must end it.
        CompletableFuture<String> rest = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = stream.body()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertThat(rest.get(40, TimeUnit.SECONDS)).startsWith("retry:");
    }
}
