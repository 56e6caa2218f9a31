// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An immutable set of trusted badge keys, looked up by kid. Two keys may share a kid; both are tried. */
public final class TrustedKeys {
    private final Map<Long, List<TrustedKey>> byKid;
    private final List<TrustedKey> all;

    public TrustedKeys(Collection<TrustedKey> keys) {
        this.all = List.copyOf(new java.util.LinkedHashSet<>(keys));
        Map<Long, List<TrustedKey>> m = new HashMap<>();
        for (TrustedKey k : all) {
            m.merge(ByteBuffer.wrap(k.kid()).getLong(), List.of(k), (a, b) -> {
                List<TrustedKey> both = new java.util.ArrayList<>(a);
                both.addAll(b);
                return List.copyOf(both);
            });
        }
        this.byKid = Map.copyOf(m);
    }

    public List<TrustedKey> withKid(byte[] kid) {
        if (kid == null || kid.length != TrustedKey.KID_LENGTH) {
            return List.of();
        }
        return byKid.getOrDefault(ByteBuffer.wrap(kid).getLong(), List.of());
    }

    public List<TrustedKey> all() {
        return all;
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }
}
