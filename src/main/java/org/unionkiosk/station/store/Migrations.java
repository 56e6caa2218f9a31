// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Applies {@code db/station/V<n>__*.sql} in order, tracking the version in {@code PRAGMA user_version}. */
final class Migrations {
    static final String[] SCRIPTS = {"V1__init.sql", "V2__commands.sql", "V3__lockers.sql",
        "V4__commands_seen_epoch.sql"};

    private Migrations() {
    }

    static int apply(Connection c) throws SQLException {
        int version;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            version = rs.getInt(1);
        }
        if (version > SCRIPTS.length) {
            throw new SQLException("database schema v" + version + " is newer than this build (v" + SCRIPTS.length
                    + "): install the newer union-kiosk or restore a backup");
        }
        for (int v = version; v < SCRIPTS.length; v++) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : read(SCRIPTS[v]).split(";\\s*\\n")) {
                    if (!sql.isBlank()) {
                        s.execute(sql);
                    }
                }
                s.execute("PRAGMA user_version = " + (v + 1));
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        return SCRIPTS.length;
    }

    private static String read(String name) throws SQLException {
        try (InputStream in = Migrations.class.getResourceAsStream("/db/station/" + name)) {
            if (in == null) {
                throw new SQLException("migration " + name + " missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
        } catch (IOException e) {
            throw new SQLException("cannot read migration " + name, e);
        }
    }
}
