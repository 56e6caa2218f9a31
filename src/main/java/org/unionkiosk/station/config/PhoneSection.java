// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import org.unionkiosk.protocol.KeyFiles;
import org.unionkiosk.protocol.SigningKey;

/** Reads the optional {@code phone} section; kept beside the loader so the phone feature stays in its own file. */
final class PhoneSection {
    private PhoneSection() {
    }

    static PhoneConfig parse(ConfigNode p, Path base) {
        if (!p.present()) {
            return null;
        }
        String url = p.requiredString("entryUrl", "central's public phone page, e.g. https://union.example/p");
        URI entryUrl = null;
        if (url != null) {
            try {
                entryUrl = new URI(url);
                if (!("https".equals(entryUrl.getScheme()) || "http".equals(entryUrl.getScheme()))
                        || entryUrl.getHost() == null || entryUrl.getQuery() != null) {
                    p.problem("entryUrl", "must be an http(s) URL with a host and no query", url);
                }
            } catch (URISyntaxException e) {
                p.problem("entryUrl", "is not a URL: " + e.getReason(), url);
            }
        }
        String keyFile = p.requiredString("keyFile", "the station's private key, made by `union-kiosk badge keygen`");
        SigningKey key = null;
        if (keyFile != null) {
            try {
                key = KeyFiles.readPrivate(base.resolve(keyFile));
            } catch (IOException | IllegalArgumentException e) {
                p.problem("keyFile", "cannot read an Ed25519 private key from " + base.resolve(keyFile) + " ("
                        + e.getMessage() + "): create it with `union-kiosk badge keygen` and register its public "
                        + "half with central", null);
            }
        }
        Duration period = Duration.ofSeconds(p.integer("qrPeriodSeconds", 30, 10, 60));
        p.rejectUnknownKeys();
        return entryUrl == null || key == null ? null : new PhoneConfig(entryUrl, key, period);
    }
}
