// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import org.sqlite.util.OSInfo;

/**
 * sqlite-jdbc unpacks its native library (~1 MB) into java.io.tmpdir on every start under a random name, and a
 * kill -9 leaves it there. Instead it is unpacked once per driver version under the data folder and loaded from
 * that fixed path ({@code org.sqlite.lib.path}); these properties must be set before the driver first loads.
 */
final class SqliteNativeLibrary {
    private SqliteNativeLibrary() {
    }

    static synchronized void prepare(Path dataDir) throws IOException {
        if (System.getProperty("org.sqlite.lib.path") != null) {
            return; // set by the operator, or already prepared in this process: the driver is loaded once
        }
        String name = System.mapLibraryName("sqlitejdbc");
        String resource = "/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + name;
        Path dir = dataDir.resolve("native").resolve("sqlite-jdbc-" + driverVersion());
        Path lib = dir.resolve(name);
        try (InputStream in = SqliteNativeLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                return; // no bundled library for this platform: let the driver report it
            }
            if (!Files.isRegularFile(lib)) {
                Files.createDirectories(dir);
                Path part = Files.createTempFile(dir, name, ".part");
                Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                Files.move(part, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        System.setProperty("org.sqlite.lib.path", dir.toAbsolutePath().toString());
        System.setProperty("org.sqlite.lib.name", name);
        // Where a driver version that still extracts would put its copy: the data folder, never /tmp.
        System.setProperty("org.sqlite.tmpdir", dir.toAbsolutePath().toString());
    }

    private static String driverVersion() throws IOException {
        try (InputStream in = SqliteNativeLibrary.class.getResourceAsStream(
                "/META-INF/maven/org.xerial/sqlite-jdbc/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown").replaceAll("[^0-9A-Za-z.]", "");
        }
    }
}
