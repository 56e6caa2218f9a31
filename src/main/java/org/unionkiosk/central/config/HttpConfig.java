// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP listener of the API and console.
 *
 * @param secureCookies mark session cookies {@code Secure}: true whenever browsers reach central over TLS (a
 *                      reverse proxy terminating TLS counts); false only for plain-HTTP loopback use
 */
public record HttpConfig(String host, int port, boolean secureCookies) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8090;

    public HttpConfig {
        List<String> p = new ArrayList<>();
        if (host == null || host.isBlank()) {
            p.add("host: must be an address to listen on, e.g. 127.0.0.1 or 0.0.0.0, was '" + host + "'");
        }
        ConfigException.range(p, "port", port, 0, 65535); // 0: any free port (tests)
        ConfigException.throwIfAny(p);
    }
}
