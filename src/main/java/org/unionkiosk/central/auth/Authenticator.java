// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.auth;

import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.central.store.Database;

/**
 * Sign-in, sign-out and the per-request guard shared by the API and the console: a session cookie
 * ({@code HttpOnly}, {@code SameSite=Strict}, {@code Secure} behind TLS), the CSRF header on every state-changing
 * request, and the permission an operation needs. Failures are {@link AuthException}s for the one error handler.
 */
public final class Authenticator {
    private static final Logger log = LoggerFactory.getLogger(Authenticator.class);
    public static final String COOKIE = "uk_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String USER_KEY = "central.user";

    private final Database db;
    private final Users users;
    private final Sessions sessions;
    private final Audit audit;
    private final LoginLimiter limiter;
    private final boolean secureCookies;

    public Authenticator(Database db, Users users, Sessions sessions, Audit audit, Clock clock,
                         boolean secureCookies) {
        this.db = db;
        this.users = users;
        this.sessions = sessions;
        this.audit = audit;
        this.limiter = new LoginLimiter(clock);
        this.secureCookies = secureCookies;
    }

    /** Checks the password (on a worker: Argon2 is deliberately slow), opens a session and sets its cookie. */
    public Future<User> login(RoutingContext rc, String name, char[] password) {
        String address = address(rc);
        if (!limiter.allowed(name, address)) {
            log.warn("Login for {} from {} refused: too many failures", name, address);
            return Future.failedFuture(new AuthException(AuthException.Kind.RATE_LIMITED,
                    "too many failed logins: wait 15 minutes"));
        }
        return db.tx(c -> {
            Users.Account a = users.verify(c, name, password);
            if (a == null) {
                audit.record(c, name, address, "login.failed", name, null);
                return null;
            }
            String token = sessions.create(c, a.name(), address);
            audit.record(c, a.name(), address, "login", a.name(), null);
            return new String[] {token, a.name(), a.role().toString()};
        }).compose(r -> {
            if (r == null) {
                limiter.failed(name, address);
                return Future.failedFuture(new AuthException(AuthException.Kind.BAD_CREDENTIALS,
                        "wrong user name or password"));
            }
            limiter.succeeded(name);
            Cookie cookie = Cookie.cookie(COOKIE, r[0]).setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
                    .setSecure(secureCookies).setPath("/").setMaxAge(Sessions.LIFETIME.toSeconds());
            rc.response().addCookie(cookie);
            return Future.succeededFuture(new User(r[1], Role.parse(r[2]), address, sessions.csrf(r[0])));
        });
    }

    public Future<Void> logout(RoutingContext rc) {
        Cookie cookie = rc.request().getCookie(COOKIE);
        User u = user(rc);
        rc.response().addCookie(Cookie.cookie(COOKIE, "").setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
                .setSecure(secureCookies).setPath("/").setMaxAge(0));
        return cookie == null ? Future.succeededFuture() : db.tx(c -> {
            sessions.delete(c, cookie.getValue());
            audit.record(c, u, "logout", u.name(), null);
            return null;
        });
    }

    /**
     * Guard for every /api route except login and the OpenAPI document: a live session, and the CSRF header for
     * anything but GET/HEAD. Puts the {@link User} on the context.
     */
    public void guard(RoutingContext rc) {
        Cookie cookie = rc.request().getCookie(COOKIE);
        if (cookie == null || cookie.getValue().isEmpty()) {
            rc.fail(new AuthException(AuthException.Kind.NO_SESSION, "sign in first: POST /api/login"));
            return;
        }
        String token = cookie.getValue();
        db.read(c -> sessions.find(c, token, address(rc))).onComplete(ar -> {
            if (ar.failed()) {
                rc.fail(ar.cause());
            } else if (ar.result() == null) {
                rc.fail(new AuthException(AuthException.Kind.NO_SESSION, "session expired: sign in again"));
            } else if (changesState(rc.request().method()) && !csrfMatches(rc, ar.result())) {
                rc.fail(new AuthException(AuthException.Kind.CSRF, "missing or wrong " + CSRF_HEADER + " header"));
            } else {
                rc.put(USER_KEY, ar.result());
                rc.next();
            }
        });
    }

    /** The signed-in user, after {@link #guard}. */
    public static User user(RoutingContext rc) {
        return rc.get(USER_KEY);
    }

    /** The signed-in user, if allowed {@code p}; else throws 403. */
    public static User require(RoutingContext rc, Permission p) {
        User u = user(rc);
        if (u == null) {
            throw new AuthException(AuthException.Kind.NO_SESSION, "sign in first: POST /api/login");
        }
        if (!u.may(p)) {
            throw new AuthException(AuthException.Kind.FORBIDDEN, "role " + u.role() + " may not do this");
        }
        return u;
    }

    private static boolean changesState(HttpMethod m) {
        return !(m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS);
    }

    private static boolean csrfMatches(RoutingContext rc, User u) {
        String sent = rc.request().getHeader(CSRF_HEADER);
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                u.csrfToken().getBytes(StandardCharsets.UTF_8));
    }

    /** The peer address; a reverse proxy in front should be configured to pass the real one (see docs). */
    public static String address(RoutingContext rc) {
        var a = rc.request().remoteAddress();
        return a == null ? "unknown" : a.hostAddress();
    }
}
