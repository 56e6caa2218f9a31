// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.central.config.DatabaseConfig;

/**
 * Central's database: a HikariCP pool over SQLite (one file, WAL) or PostgreSQL, migrated by Flyway from
 * {@code db/central/{vendor}}, and worker executors so JDBC never runs on an event loop. SQLite allows one writer
 * at a time, so its transactions go through a single thread; PostgreSQL's use the whole pool.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /** The two supported engines; SQL that differs between them asks this. */
    public enum Vendor { SQLITE, POSTGRESQL }

    private final HikariDataSource pool;
    private final Vendor vendor;
    private final WorkerExecutor writers;
    private final WorkerExecutor readers;

    private Database(HikariDataSource pool, Vendor vendor, WorkerExecutor writers, WorkerExecutor readers) {
        this.pool = pool;
        this.vendor = vendor;
        this.writers = writers;
        this.readers = readers;
    }

    /** Opens the pool and applies pending migrations. Blocking: call at start-up, before any verticle. */
    public static Database open(Vertx vertx, DatabaseConfig cfg) {
        Vendor vendor = cfg.postgres() ? Vendor.POSTGRESQL : Vendor.SQLITE;
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(cfg.url());
        hc.setPoolName("central-db");
        hc.setMaximumPoolSize(cfg.poolSize());
        if (cfg.username() != null) {
            hc.setUsername(cfg.username());
        }
        if (cfg.password() != null) {
            hc.setPassword(new String(cfg.password()));
        }
        if (vendor == Vendor.SQLITE) {
            // sqlite-jdbc reads pragmas from the connection properties.
            hc.addDataSourceProperty("journal_mode", "WAL");
            hc.addDataSourceProperty("synchronous", "NORMAL");
            hc.addDataSourceProperty("busy_timeout", "30000");
            hc.addDataSourceProperty("foreign_keys", "true");
        }
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new StoreException("Cannot connect to " + cfg.url() + ": " + rootMessage(e), e);
        }
        try {
            var result = Flyway.configure().dataSource(ds)
                    .locations("classpath:db/central/" + vendor.name().toLowerCase())
                    .load().migrate();
            if (result.migrationsExecuted > 0) {
                log.info("Database {} migrated to version {}", vendor, result.targetSchemaVersion);
            }
        } catch (RuntimeException e) {
            ds.close();
            throw new StoreException("Migration of " + cfg.url() + " failed: " + rootMessage(e), e);
        }
        int writerThreads = vendor == Vendor.SQLITE ? 1 : cfg.poolSize();
        return new Database(ds, vendor,
                vertx.createSharedWorkerExecutor("central-db-write", writerThreads, 60, TimeUnit.SECONDS),
                vertx.createSharedWorkerExecutor("central-db-read", cfg.poolSize(), 60, TimeUnit.SECONDS));
    }

    public Vendor vendor() {
        return vendor;
    }

    /** Runs {@code work} in one transaction on a writer thread; the future completes on the caller's context. */
    public <T> Future<T> tx(SqlWork<T> work) {
        return writers.executeBlocking(() -> txBlocking(work), false);
    }

    /** Runs read-only {@code work} (autocommit) on a reader thread. */
    public <T> Future<T> read(SqlWork<T> work) {
        return readers.executeBlocking(() -> {
            try (Connection c = pool.getConnection()) {
                return work.run(c);
            } catch (SQLException e) {
                throw new StoreException("Query failed: " + e.getMessage(), e);
            }
        }, false);
    }

    /** The same as {@link #tx} on the calling thread: for the CLI and start-up only, never an event loop. */
    public <T> T txBlocking(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("Transaction failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        writers.close();
        readers.close();
        pool.close();
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
