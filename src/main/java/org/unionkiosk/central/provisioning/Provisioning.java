// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.provisioning;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.central.auth.Audit;
import org.unionkiosk.central.store.Database;
import org.unionkiosk.protocol.BadgeScope;
import org.unionkiosk.protocol.KeyFiles;
import org.unionkiosk.protocol.ProvisioningCode;
import org.unionkiosk.protocol.TrustedKey;

/**
 * Provisioning as central does it: a technician makes a one-time claim for SITE/STATION; the Pi enrols with the
 * claim's secret, its own public key and its serial; central answers with everything the station needs (broker
 * account, trusted keys, config) and retires any earlier identity of that station.
 */
public final class Provisioning {
    private static final Logger log = LoggerFactory.getLogger(Provisioning.class);
    private static final java.util.regex.Pattern SERIAL = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Vertx vertx;
    private final Database db;
    private final ProvisioningConfig cfg;
    private final TrustedKey badgeKey;
    private final TrustedKey commandKey;
    private final Audit audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final BrokerAccounts accounts;

    /** {@code cfg} null: central.yaml has no provisioning section, and every operation says so. */
    public Provisioning(Vertx vertx, Database db, ProvisioningConfig cfg, TrustedKey badgeKey, TrustedKey commandKey,
                        Audit audit, Clock clock) {
        this.vertx = vertx;
        this.db = db;
        this.cfg = cfg;
        this.badgeKey = badgeKey;
        this.commandKey = commandKey;
        this.audit = audit;
        this.clock = clock;
        this.accounts = cfg == null ? null : new BrokerAccounts(cfg, random);
    }

    /** A claim as made: its id, station, expiry and the code (QR text), which is shown once and never stored. */
    public record NewClaim(String id, String station, long expiresAt, String code) {
        public JsonObject toJson() {
            return new JsonObject().put("claim", id).put("station", station).put("expiresAt", expiresAt)
                    .put("code", code);
        }
    }

    public Future<NewClaim> createClaim(String by, String address, String site, String station, JsonObject config) {
        return db.tx(c -> createClaim(c, by, address, site, station, config));
    }

    /** Inside the caller's transaction (the CLI's). */
    public NewClaim createClaim(Connection c, String by, String address, String site, String station,
                                JsonObject config) throws SQLException {
        configured();
        if (site == null || !BadgeScope.isId(site)) {
            throw new ProvisioningException(ProvisioningException.Kind.BAD_REQUEST, "site",
                    "site: must be lower-case letters, digits and '-', was '" + site + "'");
        }
        if (station == null || !BadgeScope.isId(station)) {
            throw new ProvisioningException(ProvisioningException.Kind.BAD_REQUEST, "station",
                    "station: must be lower-case letters, digits and '-', was '" + station + "'");
        }
        ProvisioningCode code = ProvisioningCode.generate(cfg.publicUrl(), random);
        byte[] idBytes = new byte[8];
        random.nextBytes(idBytes);
        String id = HexFormat.of().formatHex(idBytes);
        long now = clock.millis();
        long expires = now + cfg.claimTtl().toMillis();
        Claims.insert(c, id, code.hash(), site, station, config == null ? null : config.encode(), by, now, expires);
        audit.record(c, by, address, "provision.claim", site + "/" + station, "claim " + id);
        return new NewClaim(id, site + "/" + station, expires, code.text());
    }

    /** Claims waiting and identities with their status (see {@link Claims#overview}). */
    public Future<JsonArray> overview() {
        return db.read(c -> Claims.overview(c, clock.millis()));
    }

    /**
     * Enrols a Pi: {@code {claim, publicKey (Base64 of the 32-byte Ed25519 key), serial}}. Unauthenticated: the
     * claim's secret is the credential, and the answer carries the station's broker password, so it goes only
     * to whoever holds the secret.
     */
    public Future<JsonObject> enrol(String body, String address) {
        JsonObject req;
        try {
            configured();
            req = new JsonObject(body);
        } catch (DecodeException | NullPointerException e) {
            return Future.failedFuture(new ProvisioningException(ProvisioningException.Kind.BAD_REQUEST, null,
                    "the enrolment must be a JSON object {claim, publicKey, serial}"));
        } catch (ProvisioningException e) {
            return Future.failedFuture(e);
        }
        String secret = req.getValue("claim") instanceof String s ? s : "";
        String serial = req.getValue("serial") instanceof String s ? s : "";
        TrustedKey stationKey;
        try {
            ProvisioningCode.parse(ProvisioningCode.PREFIX + cfg.publicUrl() + "#" + secret);
            stationKey = TrustedKey.of(Base64.getDecoder().decode(req.getValue("publicKey") instanceof String s ? s
                    : ""));
        } catch (IllegalArgumentException e) {
            String field = e.getMessage() != null && e.getMessage().contains("claim") ? "claim" : "publicKey";
            return Future.failedFuture(new ProvisioningException(ProvisioningException.Kind.BAD_REQUEST, field,
                    field + ": " + (field.equals("claim") ? "not a claim secret (43 Base64url characters)"
                            : "must be the Base64 of a 32-byte Ed25519 public key")));
        }
        if (!SERIAL.matcher(serial).matches()) {
            return Future.failedFuture(new ProvisioningException(ProvisioningException.Kind.BAD_REQUEST, "serial",
                    "serial: the Pi's serial number, 1..64 letters, digits, '.', '_' or '-', was '" + serial + "'"));
        }
        String key = Base64.getEncoder().encodeToString(stationKey.publicKey());
        String hash = ProvisioningCode.hash(secret);
        return db.tx(c -> {
            Claims.Enrolled e = Claims.enrol(c, hash, key, serial, clock.millis());
            audit.record(c, "station:" + e.station(), address, "provision.enrol", e.station(),
                    "identity " + e.identity() + " serial " + serial + " kid " + stationKey.kidHex()
                            + (e.retiredAnother() ? ", earlier identity retired" : ""));
            return e;
        }).compose(e -> vertx.executeBlocking(() -> {
            char[] password = MosquittoPasswords.generate(random);
            synchronized (accounts) {
                accounts.apply(e.station(), password, db.txBlocking(Claims::activeStations));
            }
            log.info("Station {} enrolled (identity {}, serial {}){}", e.station(), e.identity(), serial,
                    e.retiredAnother() ? "; its earlier identity is retired" : "");
            return answer(e, password);
        }));
    }

    private JsonObject answer(Claims.Enrolled e, char[] password) {
        String[] ref = e.station().split("/");
        JsonObject mqtt = new JsonObject().put("url", cfg.stationBrokerUrl()).put("username", e.station())
                .put("password", new String(password));
        if (cfg.brokerCaPem() != null) {
            mqtt.put("caPem", cfg.brokerCaPem());
        }
        return new JsonObject().put("site", ref[0]).put("station", ref[1]).put("identity", e.identity())
                .put("retiredPrevious", e.retiredAnother()).put("mqtt", mqtt)
                .put("badgeKeys", new JsonArray().add(KeyFiles.publicPem(badgeKey)))
                .put("commandKeys", new JsonArray().add(KeyFiles.publicPem(commandKey)))
                .put("config", e.config() == null ? null : new JsonObject(e.config()));
    }

    private void configured() {
        if (cfg == null) {
            throw new ProvisioningException(ProvisioningException.Kind.NOT_CONFIGURED, null,
                    "provisioning is not set up on this central: add a provisioning section to central.yaml "
                            + "(docs/provisioning.md)");
        }
    }
}
