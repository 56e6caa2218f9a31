// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.unionkiosk.protocol.KeyFiles;
import org.unionkiosk.protocol.SigningKey;

/** Writes a central.yaml with fresh keys into a test folder. */
public final class CentralFiles {
    public final Path dir;
    public final SigningKey commandKey;
    public final SigningKey badgeKey;
    /** The HTTP port written into configs; 0 picks any free port (in-process tests read the bound one). */
    public int httpPort;

    public CentralFiles(Path dir) throws Exception {
        this.dir = dir;
        SecureRandom r = new SecureRandom();
        commandKey = SigningKey.generate(r);
        badgeKey = SigningKey.generate(r);
        Files.createDirectories(dir.resolve("secrets"));
        KeyFiles.writePrivate(dir.resolve("secrets/command.key"), commandKey);
        KeyFiles.writePrivate(dir.resolve("secrets/badge.key"), badgeKey);
        byte[] k = new byte[32];
        r.nextBytes(k);
        Files.writeString(dir.resolve("secrets/member-data.key"), Base64.getEncoder().encodeToString(k));
        r.nextBytes(k);
        Files.writeString(dir.resolve("secrets/session.key"), Base64.getEncoder().encodeToString(k));
    }

    /**
     * A config for one instance in its own subscription group (a test's central must not share the events with a
     * persistent session an earlier test left on the broker); {@code extra} is appended (fleet, ingest sections).
     */
    public Path config(String instance, String brokerUrl, String jdbcUrl, String extra) throws Exception {
        return config(instance, instance, brokerUrl, jdbcUrl, extra);
    }

    /** A config for one instance of subscription group {@code group}. */
    public Path config(String instance, String group, String brokerUrl, String jdbcUrl, String extra)
            throws Exception {
        Path f = dir.resolve(instance + ".yaml");
        Files.writeString(f, "instance: " + instance + "\n"
                + "http: {host: 127.0.0.1, port: " + httpPort + ", secureCookies: false}\n"
                + "mqtt: {url: '" + brokerUrl + "', group: " + group + "}\n"
                + "database: {url: '" + jdbcUrl + "'}\n"
                + "secrets:\n"
                + "  commandKeyFile: secrets/command.key\n"
                + "  badgeKeyFile: secrets/badge.key\n"
                + "  memberDataKeyFile: secrets/member-data.key\n"
                + "  sessionSecretFile: secrets/session.key\n" + extra);
        return f;
    }
}
