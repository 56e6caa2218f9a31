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
import org.unionkiosk.protocol.StationEvent;
import org.unionkiosk.protocol.TrustedKey;
import org.unionkiosk.station.access.Revocations;

/**
 * The station's SQLite file in WAL mode. One connection, used only from a single-thread worker executor, so JDBC
 * never runs on an event loop and writes never contend. Futures complete on the caller's context.
 */
public final class SqliteStationStore implements EventStore {
    private final Vertx vertx;
    private final WorkerExecutor executor;
    private final Connection connection;
    private final ConcurrentLinkedQueue<PendingAppend> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    private record PendingAppend(StationEvent event, Context ctx, Promise<Long> promise) {
    }

    private SqliteStationStore(Vertx vertx, WorkerExecutor executor, Connection connection) {
        this.vertx = vertx;
        this.executor = executor;
        this.connection = connection;
    }

    /** Opens (creating if needed) and migrates the database file. */
    public static Future<SqliteStationStore> open(Vertx vertx, Path file) {
        WorkerExecutor executor = vertx.createSharedWorkerExecutor("sqlite-" + file.toAbsolutePath(), 1);
        return executor.executeBlocking(() -> {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                // FULL: a committed event survives a power cut, not only a process crash.
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA busy_timeout=5000");
            }
            Migrations.apply(c);
            return new SqliteStationStore(vertx, executor, c);
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
                        ob.setLong(1, seqs[i]);
                        ob.addBatch();
                    }
                    ob.executeBatch();
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

    public Future<List<TrustedKey>> trustedKeys() {
        return run(() -> {
            List<TrustedKey> keys = new ArrayList<>();
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT public_key FROM trusted_keys ORDER BY added_at")) {
                while (rs.next()) {
                    keys.add(TrustedKey.of(rs.getBytes(1)));
                }
            }
            return keys;
        });
    }

    public Future<Void> addTrustedKey(TrustedKey key, String source) {
        return run(() -> {
            try (PreparedStatement ps = connection.prepareStatement("INSERT OR IGNORE INTO trusted_keys "
                    + "(public_key, kid, source, added_at) VALUES (?, ?, ?, ?)")) {
                ps.setBytes(1, key.publicKey());
                ps.setString(2, key.kidHex());
                ps.setString(3, source);
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
