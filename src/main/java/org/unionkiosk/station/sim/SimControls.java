// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.sim;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import org.unionkiosk.station.screen.ScreenExtension;

/**
 * The simulated hardware on the station's screen server, for loopback connections only (from anywhere else these
 * paths do not exist): {@code GET /sim/state}, {@code POST /sim/input?name=door&active=true} and
 * {@code POST /sim/press?name=exit} (active, then idle after {@link #PRESS_MS}). A POST must carry the header
 * {@code X-Sim: 1}, so a page from another origin cannot move the simulated door (the browser's CORS pre-flight
 * stops it). The screen page gains a small panel that uses them.
 */
public final class SimControls implements ScreenExtension {
    static final int PRESS_MS = 200;
    private static final String PANEL = panel();
    private final Vertx vertx;
    private final SimulatedHardware hardware;

    public SimControls(Vertx vertx, SimulatedHardware hardware) {
        this.vertx = vertx;
        this.hardware = hardware;
    }

    @Override
    public String pageFragment() {
        return PANEL;
    }

    @Override
    public boolean handle(HttpServerRequest req) {
        if (!req.path().startsWith("/sim/") || !loopback(req.localAddress()) || !loopback(req.remoteAddress())) {
            return false;
        }
        String name = req.getParam("name");
        switch (req.path()) {
            case "/sim/state" -> {
                if (req.method() != HttpMethod.GET) {
                    req.response().setStatusCode(405).putHeader("allow", "GET").end();
                } else {
                    json(req, 200, hardware.state());
                }
            }
            case "/sim/input", "/sim/press" -> {
                if (req.method() != HttpMethod.POST) {
                    req.response().setStatusCode(405).putHeader("allow", "POST").end();
                } else if (!"1".equals(req.getHeader("x-sim"))) {
                    json(req, 403, new JsonObject().put("error", "header X-Sim: 1 required"));
                } else if (name == null || !hardware.hasInput(name)) {
                    json(req, 400, new JsonObject().put("error", "name: no simulated input '" + name + "'"));
                } else if (req.path().equals("/sim/press")) {
                    hardware.set(name, true);
                    req.response().setStatusCode(202).end();
                    vertx.setTimer(PRESS_MS, t -> hardware.set(name, false));
                } else {
                    String active = req.getParam("active");
                    if (!"true".equals(active) && !"false".equals(active)) {
                        json(req, 400, new JsonObject().put("error", "active: must be true or false, was '"
                                + active + "'"));
                    } else {
                        hardware.set(name, Boolean.parseBoolean(active));
                        json(req, 200, hardware.state());
                    }
                }
            }
            default -> req.response().setStatusCode(404).end();
        }
        return true;
    }

    private static void json(HttpServerRequest req, int status, JsonObject body) {
        req.response().setStatusCode(status).putHeader("content-type", "application/json")
                .putHeader("cache-control", "no-store").end(body.encode());
    }

    private static boolean loopback(SocketAddress a) {
        if (a == null || a.hostAddress() == null) {
            return false;
        }
        try {
            return InetAddress.getByName(a.hostAddress()).isLoopbackAddress(); // a literal: no name lookup
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String panel() {
        try (InputStream in = SimControls.class.getResourceAsStream("/sim/panel.html")) {
            if (in == null) {
                throw new IllegalStateException("sim/panel.html missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
