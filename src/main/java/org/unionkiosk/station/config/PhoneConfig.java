// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.config;

import java.net.URI;
import java.time.Duration;
import org.unionkiosk.protocol.SigningKey;

/**
 * Phone entry through the door QR (docs/phone-entry.md): the QR carries {@code entryUrl} with the site, station and
 * a token signed by {@code stationKey}, re-minted every {@code qrPeriod}.
 *
 * @param stationKey the station's own Ed25519 key; central holds its public half
 */
public record PhoneConfig(URI entryUrl, SigningKey stationKey, Duration qrPeriod) {
    public static final Duration DEFAULT_QR_PERIOD = Duration.ofSeconds(30);

    @Override
    public String toString() {
        return "PhoneConfig[entryUrl=" + entryUrl + ", stationKey=" + stationKey + ", qrPeriod=" + qrPeriod + "]";
    }
}
