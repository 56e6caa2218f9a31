// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.provisioning;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code provisioning} section of central.yaml (docs/provisioning.md).
 *
 * @param publicUrl         central as the stations reach it (https; http only on loopback), put into each claim QR
 * @param stationBrokerUrl  the broker as the stations reach it, written into their kiosk.yaml
 * @param passwordFile      the Mosquitto {@code password_file} central adds station accounts to; null: none
 * @param aclFile           the Mosquitto {@code acl_file} whose managed block central rewrites; null: none
 * @param reloadCommand     run after either file changed (e.g. systemctl reload mosquitto); empty: none
 * @param brokerCaPem       the CA certificate the stations trust the broker by (ssl://); null: none
 * @param claimTtl          how long a claim may be used (15 minutes)
 */
public record ProvisioningConfig(URI publicUrl, String stationBrokerUrl, Path passwordFile, Path aclFile,
                                 List<String> reloadCommand, String brokerCaPem, Duration claimTtl) {
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(15);

    public ProvisioningConfig {
        reloadCommand = List.copyOf(reloadCommand);
        List<String> p = new ArrayList<>();
        String scheme = publicUrl == null ? null : publicUrl.getScheme();
        if (publicUrl == null || !("https".equals(scheme) || "http".equals(scheme) && "127.0.0.1".equals(
                publicUrl.getHost()))) {
            p.add("publicUrl: must be central's https:// URL as the stations reach it (http only for 127.0.0.1), "
                    + "was '" + publicUrl + "'");
        }
        if (stationBrokerUrl == null || !stationBrokerUrl.matches("(tcp|ssl)://[^/]+:\\d+")) {
            p.add("stationBrokerUrl: must be tcp://HOST:PORT or ssl://HOST:PORT as the stations reach the broker, was '"
                    + stationBrokerUrl + "'");
        }
        if (claimTtl.isNegative() || claimTtl.isZero() || claimTtl.compareTo(Duration.ofHours(24)) > 0) {
            p.add("claimMinutes: must be 1..1440, was " + claimTtl.toMinutes());
        }
        if (!p.isEmpty()) {
            throw new org.unionkiosk.central.config.ConfigException(p);
        }
    }
}
