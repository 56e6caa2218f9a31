// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.phone;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.station.config.PhoneConfig;
import org.unionkiosk.station.screen.ScreenExtension;

/**
 * The door QR on the station screen: {@code GET /door-qr.png} (the current code) and {@code GET /door-qr}
 * ({@code {"url","mintedAt","expiresAt"}}); the page fragment reloads the image every period and, reading
 * {@code /status}, says so when central is unreachable (the QR then still shows, badges and phone codes still work,
 * and a phone that scans it is told central cannot be reached). Re-minted on the station context by a periodic
 * timer started with {@link #start()}.
 */
public final class PhoneScreen implements ScreenExtension {
    private static final Logger log = LoggerFactory.getLogger(PhoneScreen.class);
    private final Vertx vertx;
    private final DoorQr qr;
    private final PhoneConfig cfg;
    private volatile DoorQr.Code current;
    private long timer = -1;

    public PhoneScreen(Vertx vertx, DoorQr qr, PhoneConfig cfg) {
        this.vertx = vertx;
        this.qr = qr;
        this.cfg = cfg;
    }

    /** Mints the first code now and the next every period; call on the station context. */
    public void start() {
        current = qr.mint(); // once at start-up, before the screen serves
        timer = vertx.setPeriodic(cfg.qrPeriod().toMillis(), t -> vertx.<DoorQr.Code>executeBlocking(qr::mint, false)
                .onSuccess(c -> current = c)
                .onFailure(e -> log.warn("Door QR not re-minted: {}", e.toString())));
        log.info("Door QR shown, re-minted every {} s", cfg.qrPeriod().toSeconds());
    }

    public void stop() {
        vertx.cancelTimer(timer);
    }

    @Override
    public boolean handle(HttpServerRequest req) {
        if (!req.path().equals("/door-qr") && !req.path().equals("/door-qr.png")) {
            return false;
        }
        DoorQr.Code c = current;
        if (req.method() != HttpMethod.GET) {
            req.response().setStatusCode(405).putHeader("allow", "GET").end();
        } else if (c == null) {
            req.response().setStatusCode(503).end();
        } else if (req.path().equals("/door-qr.png")) {
            req.response().putHeader("content-type", "image/png").putHeader("cache-control", "no-store")
                    .end(Buffer.buffer(c.png()));
        } else {
            req.response().putHeader("content-type", "application/json").putHeader("cache-control", "no-store")
                    .end(new JsonObject().put("url", c.url()).put("mintedAt", c.mintedAt().toString())
                            .put("expiresAt", c.expiresAt().toString()).encode());
        }
        return true;
    }

    @Override
    public String pageFragment() {
        long ms = cfg.qrPeriod().toMillis();
        return """
                <div id="door-qr" style="position:fixed;top:2vh;right:2vw;text-align:center;background:#fff;\
                color:#10243e;padding:1vh;border-radius:1vh;font-size:1.6vw">
                <img id="door-qr-img" src="/door-qr.png" alt="door QR" style="width:22vw;height:22vw;display:block">
                <div id="door-qr-note">微信/支付宝扫码进门 · Scan with your phone</div></div>
                <script>
                (function () {
                  const img = document.getElementById('door-qr-img');
                  const note = document.getElementById('door-qr-note');
                  function refresh() {
                    img.src = '/door-qr.png?at=' + Date.now();
                    fetch('/status').then(r => r.json()).then(s => {
                      const up = !s.mqtt || s.mqtt.connected;
                      note.dataset.central = up ? 'up' : 'down';
                      note.textContent = up ? '微信/支付宝扫码进门 · Scan with your phone'
                        : '中心暂不可达，手机扫码可能无法开门，请用工会卡或手机码 · Central unreachable: use your card or phone code';
                      note.style.color = up ? '#10243e' : '#b3261e';
                    }).catch(() => {});
                  }
                  setInterval(refresh, %d);
                  refresh();
                })();
                </script>
                """.formatted(ms);
    }
}
