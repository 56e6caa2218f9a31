// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.members;

import io.vertx.core.Future;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.central.store.Database;
import org.unionkiosk.protocol.KeyFiles;
import org.unionkiosk.protocol.TrustedKey;

/**
 * The station key registry: each station's own Ed25519 public key, which verifies its door tokens. Filled from the
 * configured directory at start, through the console ({@code PUT /console/api/station-keys/SITE/STATION}) and later
 * by provisioning. Lookups are served from memory (read on any thread); writes go to the database first.
 */
public final class StationKeys {
    private static final Logger log = LoggerFactory.getLogger(StationKeys.class);
    private final Database db;
    private final Clock clock;
    private final Map<String, TrustedKey> byStation = new ConcurrentHashMap<>();

    public StationKeys(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Registers every {@code SITE+STATION.pub} of {@code dir} (if any), then loads the whole registry. */
    public Future<Integer> load(Path dir) {
        Future<Void> files = Future.succeededFuture();
        if (dir != null) {
            List<Future<Void>> writes = new ArrayList<>();
            try (Stream<Path> s = Files.list(dir)) {
                for (Path f : s.filter(p -> p.getFileName().toString().endsWith(".pub")).toList()) {
                    String name = f.getFileName().toString();
                    String ref = name.substring(0, name.length() - 4).replace('+', '/');
                    writes.add(register(ref, KeyFiles.readPublic(f), "config"));
                }
            } catch (IOException | IllegalArgumentException e) {
                return Future.failedFuture(new IllegalStateException("phone.stationKeysDir: " + e.getMessage(), e));
            }
            files = Future.all(writes).mapEmpty();
        }
        return files.compose(v -> db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT station, public_key FROM station_keys");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byStation.put(rs.getString(1), TrustedKey.of(Base64.getUrlDecoder().decode(rs.getString(2))));
                }
            }
            return byStation.size();
        }));
    }

    /** Adds or replaces a station's key (a re-provisioned station gets a new one). */
    public Future<Void> register(String station, TrustedKey key, String by) {
        String[] parts = station.split("/", -1);
        if (parts.length != 2 || !org.unionkiosk.protocol.BadgeScope.isId(parts[0])
                || !org.unionkiosk.protocol.BadgeScope.isId(parts[1])) {
            return Future.failedFuture(new IllegalArgumentException("station must be SITE/STATION ids, was "
                    + station));
        }
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(key.publicKey());
        return db.tx(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM station_keys WHERE station = ?");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO station_keys (station, public_key, "
                         + "registered_at, registered_by) VALUES (?, ?, ?, ?)")) {
                del.setString(1, station);
                del.executeUpdate();
                ins.setString(1, station);
                ins.setString(2, encoded);
                ins.setLong(3, clock.millis());
                ins.setString(4, by);
                ins.executeUpdate();
            }
            return null;
        }).map(v -> {
            byStation.put(station, key);
            log.info("Station key of {} registered by {}: kid {}", station, by, key.kidHex());
            return null;
        });
    }

    /** The key of {@code site/station}, or null. */
    public TrustedKey of(String station) {
        return byStation.get(station);
    }
}
