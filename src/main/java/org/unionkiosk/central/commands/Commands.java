// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.central.auth.Audit;
import org.unionkiosk.central.auth.User;
import org.unionkiosk.central.config.FleetConfig;
import org.unionkiosk.central.ingest.StationTopic;
import org.unionkiosk.central.ingest.TopicHandler;
import org.unionkiosk.central.store.Database;
import org.unionkiosk.protocol.CommandCodec;
import org.unionkiosk.protocol.RemoteCommand;
import org.unionkiosk.protocol.SigningKey;
import org.unionkiosk.protocol.Topics;

/**
 * Signs commands with central's key in the stations' format ({@link CommandCodec}, a short lifetime), records them,
 * publishes each on {@code …/cmd/{name}/{id}} (QoS 1, never retained) and records the answer from
 * {@code …/res/{id}}: {@code ok}, {@code refused} with the station's reason, or {@code timeout} when none came.
 */
public final class Commands {
    private static final Logger log = LoggerFactory.getLogger(Commands.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SWEEP_MS = 1000;

    /** Publishes to the broker; completes when the broker has the message. */
    public interface Publisher {
        Future<Void> publish(String topic, String payload, int qos, boolean retained);
    }

    private final Vertx vertx;
    private final Database db;
    private final FleetConfig cfg;
    private final SigningKey key;
    private final Publisher publisher;
    private final Audit audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private long sweeper = -1;

    public Commands(Vertx vertx, Database db, FleetConfig cfg, SigningKey key, Publisher publisher, Audit audit,
                    Clock clock) {
        this.vertx = vertx;
        this.db = db;
        this.cfg = cfg;
        this.key = key;
        this.publisher = publisher;
        this.audit = audit;
        this.clock = clock;
    }

    /** Starts marking unanswered commands {@code timeout}; call on the owning context. */
    public void start() {
        sweeper = vertx.setPeriodic(SWEEP_MS, t -> sweep());
    }

    public void stop() {
        vertx.cancelTimer(sweeper);
    }

    /** Sends one command to a station central knows, for {@code who} (audited). */
    public Future<CommandRecord> send(User who, String site, String station, String name, Map<String, String> args) {
        CommandArgs.check(name, args);
        Topics topics;
        try {
            topics = new Topics(site, station);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(new CommandException(CommandException.Kind.BAD_REQUEST, "station",
                    "site and station must be ids"));
        }
        return send(who.name(), who.address(), topics, name, args, null);
    }

    /** Sends on behalf of a desired-state entry (revocations); the caller has claimed the delivery. */
    Future<CommandRecord> send(String actor, String address, Topics topics, String name, Map<String, String> args,
                               Long desiredId) {
        String ref = topics.site() + "/" + topics.station();
        Instant now = clock.instant();
        RemoteCommand cmd = new RemoteCommand(newId(), ref, name, now, now.plus(cfg.commandTtl()), args);
        String payload = CommandCodec.sign(cmd, key);
        long answerBy = now.plus(cfg.answerTimeout()).toEpochMilli();
        return db.tx(c -> {
            if (desiredId == null && !known(c, ref)) {
                throw new CommandException(CommandException.Kind.UNKNOWN_STATION, null, "no station " + ref
                        + " has ever reported to central");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO commands (id, station, name, args, issued_by, "
                    + "issued_at, expires_at, answer_by, outcome, desired_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                    + "'pending', ?)")) {
                ps.setString(1, cmd.id());
                ps.setString(2, ref);
                ps.setString(3, name);
                ps.setString(4, new JsonObject(Map.copyOf(args)).encode());
                ps.setString(5, actor);
                ps.setLong(6, now.toEpochMilli());
                ps.setLong(7, cmd.expiresAt().toEpochMilli());
                ps.setLong(8, answerBy);
                if (desiredId == null) {
                    ps.setNull(9, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(9, desiredId);
                }
                ps.executeUpdate();
            }
            audit.record(c, actor, address, "command." + name, ref, "id=" + cmd.id() + " args=" + args);
            return null;
        }).compose(v -> publisher.publish(topics.command(name, cmd.id()), payload, 1, false)
                .recover(t -> {
                    log.warn("Command {} {} to {} not published: {}", name, cmd.id(), ref, t.toString());
                    return finish(cmd.id(), ref, "unsent", "broker: " + t.getMessage())
                            .compose(x -> Future.failedFuture(new CommandException(
                                    CommandException.Kind.BROKER_DOWN, null, "the broker is not reachable")));
                })).compose(v -> {
                    log.info("Command {} {} sent to {} by {}", name, cmd.id(), ref, actor);
                    return get(cmd.id());
                });
    }

    private static boolean known(Connection c, String ref) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM stations WHERE station = ?")) {
            ps.setString(1, ref);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The handler of {@code …/res/{id}}: only the command's own station can answer it. */
    public TopicHandler responses() {
        return (StationTopic t, byte[] payload, long at) -> {
            JsonNode n;
            try {
                n = JSON.readTree(payload);
            } catch (Exception e) {
                throw new TopicHandler.RejectedPayload("malformed", "answer is not JSON");
            }
            if (n == null || !n.path("ok").isBoolean() || !t.detail().equals(n.path("id").asText(null))) {
                throw new TopicHandler.RejectedPayload("malformed", "answer needs ok and the topic's id");
            }
            boolean ok = n.get("ok").asBoolean();
            String reason = n.path("reason").isTextual() ? truncate(n.get("reason").asText(), 500) : null;
            return finish(t.detail(), t.ref(), ok ? "ok" : "refused", reason).map(changed -> {
                if (changed) {
                    log.info("Command {} answered by {}: {}{}", t.detail(), t.ref(), ok ? "ok" : "refused",
                            reason == null ? "" : " (" + reason + ")");
                }
                return null;
            });
        };
    }

    /** Records an outcome; a late answer after a timeout still replaces it, since it is what happened. */
    private Future<Boolean> finish(String id, String station, String outcome, String reason) {
        long now = clock.millis();
        return db.tx(c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement("UPDATE commands SET outcome = ?, reason = ?, "
                    + "answered_at = ? WHERE id = ? AND station = ? AND outcome IN ('pending', 'timeout')")) {
                ps.setString(1, outcome);
                ps.setString(2, reason);
                ps.setLong(3, now);
                ps.setString(4, id);
                ps.setString(5, station);
                n = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE desired_delivery SET outcome = ?, updated_at = ? "
                    + "WHERE command_id = ?")) {
                ps.setString(1, outcome);
                ps.setLong(2, now);
                ps.setString(3, id);
                ps.executeUpdate();
            }
            return n > 0;
        });
    }

    private void sweep() {
        long now = clock.millis();
        db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE desired_delivery SET outcome = 'timeout', "
                    + "updated_at = ? WHERE command_id IN (SELECT id FROM commands WHERE outcome = 'pending' "
                    + "AND answer_by < ?)")) {
                ps.setLong(1, now);
                ps.setLong(2, now);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE commands SET outcome = 'timeout' "
                    + "WHERE outcome = 'pending' AND answer_by < ?")) {
                ps.setLong(1, now);
                return ps.executeUpdate();
            }
        }).onSuccess(n -> {
            if (n > 0) {
                log.info("{} command(s) timed out without an answer", n);
            }
        }).onFailure(t -> log.warn("Command timeout sweep failed: {}", t.toString()));
    }

    public Future<CommandRecord> get(String id) {
        return db.read(c -> {
            List<CommandRecord> r = query(c, "WHERE id = ?", id, 1);
            return r.isEmpty() ? null : r.get(0);
        });
    }

    /** The latest commands of one station, newest first. */
    public Future<List<CommandRecord>> list(String station, int limit) {
        return db.read(c -> query(c, "WHERE station = ?", station, limit));
    }

    private static List<CommandRecord> query(Connection c, String where, String arg, int limit) throws SQLException {
        List<CommandRecord> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, station, name, args, issued_by, issued_at, "
                + "expires_at, outcome, reason, answered_at FROM commands " + where
                + " ORDER BY issued_at DESC, id LIMIT " + limit)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long answered = rs.getLong(10);
                    Long answeredAt = rs.wasNull() ? null : answered;
                    out.add(new CommandRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                            new JsonObject(rs.getString(4)), rs.getString(5), rs.getLong(6), rs.getLong(7),
                            rs.getString(8), rs.getString(9), answeredAt));
                }
            }
        }
        return out;
    }

    private String newId() {
        byte[] b = new byte[12];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
