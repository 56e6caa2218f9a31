// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.access;

import java.util.Set;

/** Revoked badge ids (cti), revoked members, suspended members: an immutable snapshot. */
public record Revocations(Set<String> badges, Set<String> members, Set<String> suspended) {
    public static final Revocations NONE = new Revocations(Set.of(), Set.of(), Set.of());

    public Revocations {
        badges = Set.copyOf(badges);
        members = Set.copyOf(members);
        suspended = Set.copyOf(suspended);
    }
}
