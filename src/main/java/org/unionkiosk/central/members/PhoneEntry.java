// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.members;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.central.auth.Authenticator;
import org.unionkiosk.central.auth.Permission;
import org.unionkiosk.central.auth.Role;
import org.unionkiosk.central.auth.User;
import org.unionkiosk.central.commands.CommandRecord;
import org.unionkiosk.central.commands.Commands;
import org.unionkiosk.central.config.PhoneEntryConfig;
import org.unionkiosk.central.fleet.Fleet;
import org.unionkiosk.central.fleet.Presence;
import org.unionkiosk.central.members.PhonePages.Door;
import org.unionkiosk.central.store.Database;
import org.unionkiosk.protocol.DoorToken;
import org.unionkiosk.protocol.KeyFiles;
import org.unionkiosk.protocol.SigningKey;

/**
 * The phone page opened from a station's door QR ({@code /p}), and the admin route that registers station keys.
 * A visit: the door token is verified with the station's registered key; a first visit registers; then the token's
 * nonce is spent, the member and the station are checked, and the station is sent a signed {@code unlock} naming
 * the member; the page answers once the station has (or after {@code phone.answerWaitSeconds}). The page's own
 * cookie ({@code uk_phone}, HMAC-signed member id, SameSite=Lax so another site cannot post with it) is the only
 * state on the phone. Everything runs on the HTTP context; SQL on the database workers.
 */
public final class PhoneEntry {
    private static final Logger log = LoggerFactory.getLogger(PhoneEntry.class);
    static final String COOKIE = "uk_phone";
    private static final Duration TOKEN_SKEW = Duration.ofSeconds(5);
    private static final long POLL_MS = 200;

    private final Vertx vertx;
    private final PhoneEntryConfig cfg;
    private final StationKeys keys;
    private final PhoneMembers members;
    private final PhoneCodes codes;
    private final MemberCookie cookies;
    private final Fleet fleet;
    private final Commands commands;
    private final Clock clock;
    private final boolean secureCookies;

    public PhoneEntry(Vertx vertx, Database db, PhoneEntryConfig cfg, StationKeys keys, byte[] memberDataKey,
                      byte[] cookieSecret, SigningKey badgeKey, String issuer, Fleet fleet, Commands commands,
                      Clock clock, boolean secureCookies) {
        this.vertx = vertx;
        this.cfg = cfg;
        this.keys = keys;
        this.members = new PhoneMembers(db, new PhoneCipher(memberDataKey), clock);
        this.codes = new PhoneCodes(badgeKey, issuer, clock);
        this.cookies = new MemberCookie(cookieSecret);
        this.fleet = fleet;
        this.commands = commands;
        this.clock = clock;
        this.secureCookies = secureCookies;
    }

    public void mount(Router router, Authenticator auth) {
        router.route("/p/*").handler(rc -> {
            rc.response().putHeader("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; "
                    + "script-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'")
                    .putHeader("cache-control", "no-store").putHeader("referrer-policy", "no-referrer");
            rc.next();
        });
        router.get("/p").handler(this::landing);
        router.post("/p/*").handler(BodyHandler.create(false).setBodyLimit(4096));
        router.post("/p/register").handler(this::register);
        router.post("/p/open").handler(this::openDoor);
        router.get("/p/code").handler(this::code);
        router.post("/p/erase").handler(this::erase);
        router.put("/console/api/station-keys/:site/:station").handler(auth::guard);
        router.put("/console/api/station-keys/:site/:station").handler(BodyHandler.create(false).setBodyLimit(4096));
        router.put("/console/api/station-keys/:site/:station").handler(this::registerKey);
    }

    private static boolean english(RoutingContext rc) {
        String lang = rc.request().getParam("lang");
        if (lang != null) {
            return lang.startsWith("en");
        }
        String accept = rc.request().getHeader("accept-language");
        return accept != null && accept.startsWith("en");
    }

    private static Door door(RoutingContext rc) {
        return new Door(rc.request().getParam("s"), rc.request().getParam("t"), rc.request().getParam("k"));
    }

    private void landing(RoutingContext rc) {
        boolean en = english(rc);
        Door d = door(rc);
        DoorToken.Verdict v = verify(d);
        if (!v.ok()) {
            refuse(rc, 400, en, v.refusal());
            return;
        }
        memberOf(rc).onComplete(ar -> {
            PhoneMembers.Member m = ar.succeeded() ? ar.result() : null;
            html(rc, 200, m == null ? PhonePages.register(en, d, null) : PhonePages.open(en, d, m.maskedPhone()));
        });
    }

    private void register(RoutingContext rc) {
        boolean en = english(rc);
        Door d = door(rc);
        var form = rc.request().formAttributes();
        String phone = PhoneCipher.normalise(form.get("phone"));
        Occupation occupation = Occupation.parse(form.get("occupation"));
        String error = phone == null ? (en ? "phone: an 11-digit mainland mobile number, e.g. 13800001234"
                : "手机号：请填写11位手机号码，如 13800001234")
                : occupation == null ? (en ? "occupation: choose one" : "职业：请选择一项")
                : !"yes".equals(form.get("consent")) ? (en ? "consent: please agree to the privacy notice to register"
                : "隐私说明：同意后才能登记") : null;
        if (error != null) {
            html(rc, 400, PhonePages.register(en, d, error));
            return;
        }
        DoorToken.Verdict v = verify(d);
        if (!v.ok()) {
            refuse(rc, 400, en, v.refusal());
            return;
        }
        members.register(phone, occupation, "yes".equals(form.get("member"))).onComplete(ar -> {
            if (ar.failed()) {
                log.error("Phone registration failed", ar.cause());
                refuse(rc, 500, en, "error");
                return;
            }
            rc.response().addCookie(Cookie.cookie(COOKIE, cookies.sign(ar.result().memberId())).setHttpOnly(true)
                    .setSameSite(CookieSameSite.LAX).setSecure(secureCookies).setPath("/p")
                    .setMaxAge(Duration.ofDays(365).toSeconds()));
            log.info("Member {} registered by phone ({})", ar.result().memberId(), occupation.code());
            admit(rc, en, v.claims(), ar.result());
        });
    }

    private void openDoor(RoutingContext rc) {
        boolean en = english(rc);
        Door d = door(rc);
        DoorToken.Verdict v = verify(d);
        if (!v.ok()) {
            refuse(rc, 400, en, v.refusal());
            return;
        }
        memberOf(rc).onComplete(ar -> {
            if (ar.failed() || ar.result() == null) {
                html(rc, 200, PhonePages.register(en, d, null));
            } else {
                admit(rc, en, v.claims(), ar.result());
            }
        });
    }

    /** Member and station checks, the nonce spent, the unlock sent and its answer awaited. */
    private void admit(RoutingContext rc, boolean en, DoorToken.Claims t, PhoneMembers.Member m) {
        String ref = t.site() + "/" + t.station();
        if (m.suspended()) {
            refuse(rc, 403, en, "suspended");
            return;
        }
        fleet.get(ref).compose(view -> {
            if (view == null || view.presence() != Presence.ONLINE) {
                return Future.succeededFuture("offline");
            }
            return members.spendNonce(t.nonce(), ref, t.expiresAt()).compose(fresh -> {
                if (!fresh) {
                    return Future.succeededFuture("reused");
                }
                User actor = new User("phone:" + m.memberId(), Role.VIEWER, Authenticator.address(rc), null);
                return commands.send(actor, t.site(), t.station(), "unlock", Map.of("member", m.memberId(),
                        "via", "phone")).compose(this::answer).compose(done -> {
                            // The visit itself is counted from the station's grant event (VisitLog).
                            return Future.succeededFuture("ok".equals(done.outcome()) ? "open" : reasonOf(done));
                        });
            });
        }).onComplete(ar -> {
            if (ar.failed()) {
                log.warn("Phone entry of {} at {} failed: {}", m.memberId(), ref, ar.cause().toString());
                refuse(rc, 503, en, "unreachable");
            } else if ("open".equals(ar.result())) {
                log.info("Door {} opened by phone for member {}", ref, m.memberId());
                html(rc, 200, PhonePages.outcome(en, true, "open", PhoneTexts.text("open", en), true));
            } else {
                refuse(rc, 409, en, ar.result());
            }
        });
    }

    /** Completes with the command once it is answered, or as it stands after {@code answerWait}. */
    private Future<CommandRecord> answer(CommandRecord sent) {
        Promise<CommandRecord> p = Promise.promise();
        long deadline = clock.millis() + cfg.answerWait().toMillis();
        poll(sent.id(), deadline, p);
        return p.future();
    }

    private void poll(String id, long deadline, Promise<CommandRecord> p) {
        vertx.setTimer(POLL_MS, t -> commands.get(id).onComplete(ar -> {
            if (ar.failed()) {
                p.fail(ar.cause());
            } else if (!"pending".equals(ar.result().outcome()) || clock.millis() >= deadline) {
                p.complete(ar.result());
            } else {
                poll(id, deadline, p);
            }
        }));
    }

    /** The station's refusal code (the response reason starts with it), or {@code timeout}. */
    private static String reasonOf(CommandRecord c) {
        if (!"refused".equals(c.outcome()) || c.reason() == null) {
            return "timeout";
        }
        int colon = c.reason().indexOf(':');
        return colon < 0 ? c.reason() : c.reason().substring(0, colon);
    }

    private void code(RoutingContext rc) {
        boolean en = english(rc);
        memberOf(rc).onComplete(ar -> {
            PhoneMembers.Member m = ar.succeeded() ? ar.result() : null;
            if (m == null) {
                refuse(rc, 401, en, "not_registered");
            } else if (m.suspended()) {
                refuse(rc, 403, en, "suspended");
            } else {
                html(rc, 200, PhonePages.codes(en, m.maskedPhone(), codes.run(m.memberId())));
            }
        });
    }

    private void erase(RoutingContext rc) {
        boolean en = english(rc);
        String id = cookies.verify(cookieValue(rc));
        if (id == null) {
            refuse(rc, 401, en, "not_registered");
            return;
        }
        members.erase(id).onComplete(ar -> {
            if (ar.failed()) {
                refuse(rc, 500, en, "error");
                return;
            }
            log.info("Member {} erased their phone registration", id);
            rc.response().addCookie(Cookie.cookie(COOKIE, "").setPath("/p").setMaxAge(0));
            html(rc, 200, PhonePages.outcome(en, true, "erased", PhoneTexts.text("erased", en), false));
        });
    }

    /** {@code PUT /console/api/station-keys/SITE/STATION} with the station's public key PEM (admin). */
    private void registerKey(RoutingContext rc) {
        User u = Authenticator.require(rc, Permission.MANAGE_USERS);
        String ref = rc.pathParam("site") + "/" + rc.pathParam("station");
        try {
            var key = KeyFiles.parsePublic(rc.body().asString());
            keys.register(ref, key, u.name()).onSuccess(v -> rc.response().setStatusCode(204).end())
                    .onFailure(rc::fail);
        } catch (IllegalArgumentException e) {
            rc.response().setStatusCode(400).putHeader("content-type", "application/json")
                    .end(new io.vertx.core.json.JsonObject().put("error", "bad_request").put("field", "body")
                            .put("message", "an Ed25519 public key PEM: " + e.getMessage()).encode());
        }
    }

    private DoorToken.Verdict verify(Door d) {
        DoorToken.Verdict v = DoorToken.verify(d.token(), keys::of, clock, TOKEN_SKEW);
        if (v.ok() && (!v.claims().site().equals(d.site()) || !v.claims().station().equals(d.station()))) {
            return new DoorToken.Verdict(null, "bad_format", "URL and token name different stations");
        }
        return v;
    }

    private Future<PhoneMembers.Member> memberOf(RoutingContext rc) {
        String id = cookies.verify(cookieValue(rc));
        return id == null ? Future.succeededFuture() : members.find(id);
    }

    private static String cookieValue(RoutingContext rc) {
        Cookie c = rc.request().getCookie(COOKIE);
        return c == null ? null : c.getValue();
    }

    private static void refuse(RoutingContext rc, int status, boolean en, String code) {
        html(rc, status, PhonePages.outcome(en, false, code, PhoneTexts.text(code, en), false));
    }

    private static void html(RoutingContext rc, int status, String page) {
        rc.response().setStatusCode(status).putHeader("content-type", "text/html; charset=utf-8").end(page);
    }
}
