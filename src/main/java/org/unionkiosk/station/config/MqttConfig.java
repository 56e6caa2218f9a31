// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.unionkiosk.protocol.TrustedKey;

/**
 * The link to the union's broker. The password is read from {@code passwordFile} at load and never printed.
 * TLS when {@code url} is {@code ssl://}: {@code caFile} to trust the broker, optional client certificate and key.
 *
 * @param commandKeys central's public keys; a command not signed by one of them is refused
 */
public record MqttConfig(String url, String clientId, String username, char[] password, Path caFile, Path certFile,
                         Path keyFile, Duration statusInterval, List<TrustedKey> commandKeys, int inFlight,
                         Duration reconnectMin, Duration reconnectMax, long outboxMaxDepth) {
    public static final int DEFAULT_IN_FLIGHT = 10;

    public MqttConfig {
        commandKeys = List.copyOf(commandKeys);
    }

    public boolean tls() {
        return url.startsWith("ssl://");
    }

    @Override
    public String toString() {
        return "MqttConfig[url=" + url + ", clientId=" + clientId + ", username=" + username + ", password="
                + (password == null ? "none" : "<redacted>") + ", caFile=" + caFile + ", certFile=" + certFile
                + ", keyFile=" + keyFile + ", commandKeys=" + commandKeys + "]";
    }
}
