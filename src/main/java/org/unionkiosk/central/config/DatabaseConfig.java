// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Where central keeps its data: {@code jdbc:sqlite:FILE} (default, one file in WAL mode) or
 * {@code jdbc:postgresql://HOST/DB} for a large fleet or several instances.
 *
 * @param retentionDays raw events older than this are deleted; daily aggregates are kept for ever
 */
public record DatabaseConfig(String url, String username, char[] password, int poolSize, int retentionDays) {
    public static final int DEFAULT_POOL = 8;
    public static final int DEFAULT_RETENTION_DAYS = 90;

    public DatabaseConfig {
        List<String> p = new ArrayList<>();
        if (url == null || !(url.startsWith("jdbc:sqlite:") || url.startsWith("jdbc:postgresql:"))) {
            p.add("url: must be jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB, was '" + url + "'");
        }
        ConfigException.range(p, "poolSize", poolSize, 1, 64);
        ConfigException.range(p, "retentionDays", retentionDays, 1, 3650);
        ConfigException.throwIfAny(p);
    }

    public boolean postgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    @Override
    public String toString() {
        return "DatabaseConfig[url=" + url + ", username=" + username + ", password="
                + (password == null ? "none" : "<redacted>") + ", poolSize=" + poolSize + "]";
    }
}
