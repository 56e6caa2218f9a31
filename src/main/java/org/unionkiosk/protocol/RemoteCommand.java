// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A command from central to one station, as signed: id (unique, also the topic's last level), target station
 * ({@code site/station}), name, issued-at, expires-at and flat text arguments.
 */
public record RemoteCommand(String id, String station, String name, Instant issuedAt, Instant expiresAt,
                            Map<String, String> args) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z-]{1,31}");

    public RemoteCommand {
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id must match " + ID.pattern());
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must match " + NAME.pattern());
        }
        if (station == null || station.split("/", -1).length != 2) {
            throw new IllegalArgumentException("station must be SITE/STATION");
        }
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("expiresAt must be after issuedAt");
        }
        args = Map.copyOf(args);
    }
}
