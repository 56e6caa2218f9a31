// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;

/** Reads a station's SQLite file from a test, beside the running station (WAL allows it). */
public final class StationDb {
    private StationDb() {
    }

    public static List<Long> seqs(Path db) throws Exception {
        List<Long> out = new ArrayList<>();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db);
             var rs = c.createStatement().executeQuery("SELECT seq FROM events ORDER BY seq")) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }
}
