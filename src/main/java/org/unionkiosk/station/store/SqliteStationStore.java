// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.protocol.StationEvent;
import org.unionkiosk.protocol.TrustedKey;
import org.unionkiosk.station.access.Revocations;

/**
 * The station's SQLite file in WAL mode. One connection, used only from a single-thread worker executor, so JDBC
 * never runs on an event loop and writes never contend. Futures complete on the caller's context.
 */
public final class SqliteStationStore implements EventStore {
    private static final Logger log = LoggerFactory.getLogger(SqliteStationStore.class);
    private final Vertx vertx;
    private final WorkerExecutor executor;
    private final Connection connection;
    private final ConcurrentLinkedQueue<PendingAppend> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final boolean outbox;

    private record PendingAppend(StationEvent event, Context ctx, Promise<Long> promise) {
    }

    private SqliteStationStore(Vertx vertx, WorkerExecutor executor, Connection connection, boolean outbox) {
        this.vertx = vertx;
        this.executor = executor;
        this.connection = connection;
        this.outbox = outbox;
    }

    /**
     * Opens (creating if needed) and migrates the database file. {@code outbox}: the station reports to central, so
     * every event is also queued for sending; without it no new event is queued, but rows already waiting are kept
     * (and logged once here): a start with {@code mqtt:} left out by mistake must not lose the unsent backlog.
     */
    public static Future<SqliteStationStore> open(Vertx vertx, Path file, boolean outbox) {
        WorkerExecutor executor = vertx.createSharedWorkerExecutor("sqlite-" + file.toAbsolutePath(), 1);
        return executor.executeBlocking(() -> {
            SqliteNativeLibrary.prepare(file.toAbsolutePath().getParent());
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                // FULL: a committed event survives a power cut, not only a process crash.
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA busy_timeout=5000");
            }
            Migrations.apply(c);
            SqliteStationStore store = new SqliteStationStore(vertx, executor, c, outbox);
            long waiting = store.scalar("SELECT count(*) FROM outbox");
            if (!outbox && waiting > 0) {
                log.warn("{} unsent events kept in the outbox: no mqtt: section, so they wait until it is back",
                        waiting);
            }
            return store;
        });
    }

    @Override
    public Future<Long> append(StationEvent event) {
        Promise<Long> promise = Promise.promise();
        pending.add(new PendingAppend(event, vertx.getOrCreateContext(), promise));
        if (drainScheduled.compareAndSet(false, true)) {
            executor.executeBlocking(this::drainAppends);
        }
        return promise.future();
    }

    /** Group commit: every append queued so far goes into one transaction. */
    private Void drainAppends() {
        drainScheduled.set(false);
        List<PendingAppend> batch = new ArrayList<>();
        for (PendingAppend p; (p = pending.poll()) != null; ) {
            batch.add(p);
        }
        if (batch.isEmpty()) {
            return null;
        }
        long[] seqs = new long[batch.size()];
        try {
            inTransaction(() -> {
                try (PreparedStatement ev = connection.prepareStatement(
                        "INSERT INTO events (ts, type, body) VALUES (?, ?, ?) RETURNING seq");
                     PreparedStatement ob = connection.prepareStatement("INSERT INTO outbox (seq) VALUES (?)")) {
                    for (int i = 0; i < batch.size(); i++) {
                        StationEvent e = batch.get(i).event();
                        ev.setString(1, e.ts().toString());
                        ev.setString(2, e.type());
                        ev.setString(3, e.fieldsJson());
                        try (ResultSet rs = ev.executeQuery()) {
                            rs.next();
                            seqs[i] = rs.getLong(1);
                        }
                        if (outbox) {
                            ob.setLong(1, seqs[i]);
                            ob.addBatch();
                        }
                    }
                    if (outbox) {
                        ob.executeBatch();
                    }
                }
                return null;
            });
            for (int i = 0; i < batch.size(); i++) {
                PendingAppend p = batch.get(i);
                long seq = seqs[i];
                p.ctx().runOnContext(v -> p.promise().complete(seq));
            }
        } catch (RuntimeException e) {
            for (PendingAppend p : batch) {
                p.ctx().runOnContext(v -> p.promise().fail(e));
            }
        }
        return null;
    }

    @Override
    public Future<List<StoredEvent>> recent(int max) {
        return query("SELECT seq, ts, type, body FROM events ORDER BY seq DESC LIMIT " + max);
    }

    /** Events after {@code seq}, oldest first. */
    public Future<List<StoredEvent>> after(long seq, int max) {
        return query("SELECT seq, ts, type, body FROM events WHERE seq > " + seq + " ORDER BY seq LIMIT " + max);
    }

    /** Unsent events, oldest first: what the MQTT outbox drains. */
    public Future<List<StoredEvent>> unsent(int max) {
        return query("SELECT e.seq, e.ts, e.type, e.body FROM outbox o JOIN events e ON e.seq = o.seq "
                + "ORDER BY o.seq LIMIT " + max);
    }

    /** Unsent events with seq above {@code after}, oldest first: the next page for the MQTT outbox. */
    public Future<List<StoredEvent>> unsentAfter(long after, int max) {
        return query("SELECT e.seq, e.ts, e.type, e.body FROM outbox o JOIN events e ON e.seq = o.seq "
                + "WHERE o.seq > " + after + " ORDER BY o.seq LIMIT " + max);
    }

    /**
     * Keeps the outbox at most {@code maxDepth} rows by dropping the oldest events whose type starts with one of
     * {@code droppable} (health telemetry); access, door, alarm and locker events are never dropped.
     * Returns how many were dropped.
     */
    public Future<Integer> trimOutbox(long maxDepth, List<String> droppable) {
        return run(() -> {
            long excess = scalar("SELECT count(*) FROM outbox") - maxDepth;
            if (excess <= 0 || droppable.isEmpty()) {
                return 0;
            }
            StringBuilder like = new StringBuilder();
            for (int i = 0; i < droppable.size(); i++) {
                like.append(i == 0 ? "" : " OR ").append("e.type LIKE ?");
            }
            try (PreparedStatement ps = connection.prepareStatement("DELETE FROM outbox WHERE seq IN (SELECT o.seq "
                    + "FROM outbox o JOIN events e ON e.seq = o.seq WHERE " + like + " ORDER BY o.seq LIMIT ?)")) {
                for (int i = 0; i < droppable.size(); i++) {
                    ps.setString(i + 1, droppable.get(i) + "%");
                }
                ps.setLong(droppable.size() + 1, excess);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Retention: deletes events recorded before {@code before}, except those still waiting in the outbox, in
     * batches so the writer is never held long. Seq never repeats (AUTOINCREMENT). Returns how many were deleted.
     */
    public Future<Integer> pruneEvents(Instant before) {
        return run(() -> {
            int total = 0;
            int n;
            do {
                try (PreparedStatement ps = connection.prepareStatement("DELETE FROM events WHERE seq IN (SELECT "
                        + "seq FROM events WHERE ts < ? AND seq NOT IN (SELECT seq FROM outbox) ORDER BY seq "
                        + "LIMIT 5000)")) {
                    ps.setString(1, before.toString());
                    n = ps.executeUpdate();
                }
                total += n;
            } while (n > 0);
            return total;
        });
    }

    /**
     * Records a command id; false if it was already there (a replay). Forgets ids whose {@code keepUntil} is before
     * {@code now}. Times are stored and compared as epoch seconds, never as text.
     */
    public Future<Boolean> firstSighting(String commandId, Instant keepUntil, Instant now) {
        return run(() -> inTransaction(() -> {
            try (PreparedStatement purge = connection.prepareStatement(
                    "DELETE FROM commands_seen WHERE expires_at < ?");
                 PreparedStatement ins = connection.prepareStatement(
                         "INSERT OR IGNORE INTO commands_seen (id, expires_at) VALUES (?, ?)")) {
                purge.setLong(1, now.getEpochSecond());
                purge.executeUpdate();
                ins.setString(1, commandId);
                ins.setLong(2, keepUntil.getEpochSecond());
                return ins.executeUpdate() == 1;
            }
        }));
    }

    /** Ids with {@code prefix} still remembered at {@code now}, with the time each may be forgotten. */
    public Future<java.util.Map<String, Instant>> seenIds(String prefix, Instant now) {
        return run(() -> {
            java.util.Map<String, Instant> out = new java.util.HashMap<>();
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT id, expires_at FROM commands_seen WHERE id >= ? AND id < ? AND expires_at >= ?")) {
                ps.setString(1, prefix);
                ps.setString(2, prefix + '\uffff');
                ps.setLong(3, now.getEpochSecond());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1).substring(prefix.length()), Instant.ofEpochSecond(rs.getLong(2)));
                    }
                }
            }
            return out;
        });
    }

    public Future<Void> removeTrustedKey(byte[] publicKey) {
        return run(() -> {
            try (PreparedStatement ps = connection.prepareStatement("DELETE FROM trusted_keys WHERE public_key = ?")) {
                ps.setBytes(1, publicKey);
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Future<Void> unrevoke(String kind, String value) {
        return run(() -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "DELETE FROM revocations WHERE kind = ? AND value = ?")) {
                ps.setString(1, kind);
                ps.setString(2, value);
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Future<Void> unsuspend(String memberId) {
        return run(() -> {
            try (PreparedStatement ps = connection.prepareStatement("DELETE FROM suspensions WHERE member_id = ?")) {
                ps.setString(1, memberId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Future<java.util.Map<String, String>> remoteConfig() {
        return run(() -> {
            java.util.Map<String, String> m = new java.util.TreeMap<>();
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT key, value FROM remote_config")) {
                while (rs.next()) {
                    m.put(rs.getString(1), rs.getString(2));
                }
            }
            return m;
        });
    }

    public Future<Void> setRemoteConfig(java.util.Map<String, String> values) {
        return run(() -> inTransaction(() -> {
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO remote_config (key, value, "
                    + "updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                    + "updated_at = excluded.updated_at")) {
                for (var e : values.entrySet()) {
                    ps.setString(1, e.getKey());
                    ps.setString(2, e.getValue());
                    ps.setString(3, Instant.now().toString());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        }));
    }

    /** Inserts configured lockers not yet known (as free) and forgets none: state survives restarts. */
    public Future<List<LockerRow>> syncLockers(java.util.Map<String, Integer> sizes) {
        return run(() -> {
            inTransaction(() -> {
                try (PreparedStatement ps = connection.prepareStatement("INSERT OR IGNORE INTO lockers "
                        + "(id, size, state, updated_at) VALUES (?, ?, 'free', ?)");
                     PreparedStatement sz = connection.prepareStatement("UPDATE lockers SET size = ? WHERE id = ?")) {
                    for (var e : sizes.entrySet()) {
                        ps.setString(1, e.getKey());
                        ps.setInt(2, e.getValue());
                        ps.setString(3, Instant.now().toString());
                        ps.addBatch();
                        sz.setInt(1, e.getValue());
                        sz.setString(2, e.getKey());
                        sz.addBatch();
                    }
                    ps.executeBatch();
                    sz.executeBatch();
                }
                return null;
            });
            return lockerRows();
        });
    }

    public Future<List<LockerRow>> lockers() {
        return run(this::lockerRows);
    }

    private List<LockerRow> lockerRows() throws SQLException {
        List<LockerRow> out = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, size, state, owner, since FROM lockers ORDER BY size, id")) {
            while (rs.next()) {
                out.add(new LockerRow(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)));
            }
        }
        return out;
    }

    /**
     * Gives {@code member} the smallest free locker among {@code allowed}, unless the member already holds
     * {@code perMember} usable ones (a jammed or blocked locker does not count); marks it 'opening'. Atomic: the single writer thread runs check and update together, so
     * two terminals never get the same locker. Null when none is free or the member is at the limit.
     */
    public Future<LockerRow> assignLocker(String member, int perMember, List<String> allowed, Instant now) {
        return run(() -> inTransaction(() -> {
            try (PreparedStatement held = connection.prepareStatement(
                    "SELECT count(*) FROM lockers WHERE owner = ? AND state IN ('owned', 'opening')")) {
                held.setString(1, member);
                try (ResultSet rs = held.executeQuery()) {
                    if (rs.getInt(1) >= perMember) {
                        return null;
                    }
                }
            }
            String in = String.join(",", java.util.Collections.nCopies(allowed.size(), "?"));
            try (PreparedStatement ps = connection.prepareStatement("UPDATE lockers SET state = 'opening', owner = ?, "
                    + "since = ?, updated_at = ? WHERE id = (SELECT id FROM lockers WHERE state = 'free' AND id IN ("
                    + in + ") ORDER BY size, id LIMIT 1) RETURNING id, size, state, owner, since")) {
                ps.setString(1, member);
                ps.setString(2, now.toString());
                ps.setString(3, now.toString());
                for (int i = 0; i < allowed.size(); i++) {
                    ps.setString(4 + i, allowed.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new LockerRow(rs.getString(1), rs.getInt(2), rs.getString(3),
                            rs.getString(4), rs.getString(5)) : null;
                }
            }
        }));
    }

    /** Sets a locker's state; {@code owner} null frees it (since cleared). */
    public Future<Void> setLocker(String id, String state, String owner) {
        return run(() -> {
            try (PreparedStatement ps = connection.prepareStatement("UPDATE lockers SET state = ?, owner = ?, "
                    + "since = CASE WHEN ? IS NULL THEN NULL ELSE coalesce(since, ?) END, updated_at = ? WHERE id = ?")) {
                String now = Instant.now().toString();
                ps.setString(1, state);
                ps.setString(2, owner);
                ps.setString(3, owner);
                ps.setString(4, now);
                ps.setString(5, now);
                ps.setString(6, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** A trivial query on the writer thread: completes only while that thread and the database answer. */
    public Future<Void> ping() {
        return run(() -> scalar("SELECT 1")).mapEmpty();
    }

    public Future<Long> outboxDepth() {
        return run(() -> scalar("SELECT count(*) FROM outbox"));
    }

    public Future<Void> markSent(List<Long> seqs) {
        return run(() -> inTransaction(() -> {
            try (PreparedStatement ps = connection.prepareStatement("DELETE FROM outbox WHERE seq = ?")) {
                for (long s : seqs) {
                    ps.setLong(1, s);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        }));
    }

    public Future<Long> counter(String name, long fallback) {
        return run(() -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT value FROM counters WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : fallback;
                }
            }
        });
    }

    public Future<Void> setCounter(String name, long value) {
        return run(() -> {
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO counters (name, value, updated_at) "
                    + "VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value, "
                    + "updated_at = excluded.updated_at")) {
                ps.setString(1, name);
                ps.setLong(2, value);
                ps.setString(3, Instant.now().toString());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Keys added at run time; {@code purpose} is {@code badge} or {@code command}. */
    public Future<List<TrustedKey>> trustedKeys(String purpose) {
        return run(() -> {
            List<TrustedKey> keys = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT public_key FROM trusted_keys WHERE source = ? ORDER BY added_at")) {
                ps.setString(1, purpose);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        keys.add(TrustedKey.of(rs.getBytes(1)));
                    }
                }
            }
            return keys;
        });
    }

    public Future<Void> addTrustedKey(TrustedKey key, String purpose) {
        return run(() -> {
            try (PreparedStatement ps = connection.prepareStatement("INSERT OR IGNORE INTO trusted_keys "
                    + "(public_key, kid, source, added_at) VALUES (?, ?, ?, ?)")) {
                ps.setBytes(1, key.publicKey());
                ps.setString(2, key.kidHex());
                ps.setString(3, purpose);
                ps.setString(4, Instant.now().toString());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Future<Revocations> revocations() {
        return run(() -> {
            Set<String> badges = new HashSet<>();
            Set<String> members = new HashSet<>();
            Set<String> suspended = new HashSet<>();
            try (Statement s = connection.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT kind, value FROM revocations")) {
                    while (rs.next()) {
                        ("badge".equals(rs.getString(1)) ? badges : members).add(rs.getString(2));
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT member_id FROM suspensions")) {
                    while (rs.next()) {
                        suspended.add(rs.getString(1));
                    }
                }
            }
            return new Revocations(badges, members, suspended);
        });
    }

    /** @param kind {@code badge} (value = cti hex) or {@code member} */
    public Future<Void> revoke(String kind, String value, String reason) {
        return run(() -> {
            try (PreparedStatement ps = connection.prepareStatement("INSERT OR REPLACE INTO revocations "
                    + "(kind, value, reason, added_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, kind);
                ps.setString(2, value);
                ps.setString(3, reason);
                ps.setString(4, Instant.now().toString());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Future<Void> suspend(String memberId) {
        return run(() -> {
            try (PreparedStatement ps = connection.prepareStatement("INSERT OR REPLACE INTO suspensions "
                    + "(member_id, until, added_at) VALUES (?, NULL, ?)")) {
                ps.setString(1, memberId);
                ps.setString(2, Instant.now().toString());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Future<Void> close() {
        Future<Void> closed = run(() -> {
            connection.close();
            return null;
        });
        return closed.eventually(executor::close);
    }

    private List<StoredEvent> rows(String sql) throws SQLException {
        List<StoredEvent> out = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
        return out;
    }

    private Future<List<StoredEvent>> query(String sql) {
        return run(() -> rows(sql));
    }

    private long scalar(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.getLong(1);
        }
    }

    private <T> Future<T> run(Callable<T> work) {
        return executor.executeBlocking(() -> {
            try {
                return work.call();
            } catch (SQLException e) {
                throw new StoreException("station database: " + e.getMessage(), e);
            }
        });
    }

    private <T> T inTransaction(Callable<T> work) {
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.call();
                connection.commit();
                return result;
            } catch (Exception e) {
                connection.rollback();
                throw new StoreException("station database: " + e.getMessage(), e);
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("station database: " + e.getMessage(), e);
        }
    }
}
