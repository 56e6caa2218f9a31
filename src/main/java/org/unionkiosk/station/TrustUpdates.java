// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.protocol.TrustedKey;
import org.unionkiosk.protocol.TrustedKeys;
import org.unionkiosk.station.access.AccessPolicy;
import org.unionkiosk.station.store.SqliteStationStore;

/**
 * Remote changes to whom the station trusts: revocations, suspensions and badge keys. Each is persisted first,
 * then applied to the access policy, so a restart never forgets one. Runs on the station context.
 */
final class TrustUpdates {
    private static final Logger log = LoggerFactory.getLogger(TrustUpdates.class);

    private final SqliteStationStore store;
    private final AccessPolicy policy;
    private final List<TrustedKey> badgeKeys;

    TrustUpdates(SqliteStationStore store, AccessPolicy policy, List<TrustedKey> badgeKeys) {
        this.store = store;
        this.policy = policy;
        this.badgeKeys = new ArrayList<>(badgeKeys);
    }

    Future<Void> revoke(String kind, String value, boolean revoked) {
        Future<Void> write = revoked ? store.revoke(kind, value, "remote") : store.unrevoke(kind, value);
        return write.compose(v -> reloadRevocations());
    }

    Future<Void> suspend(String memberId, boolean suspended) {
        Future<Void> write = suspended ? store.suspend(memberId) : store.unsuspend(memberId);
        return write.compose(v -> reloadRevocations());
    }

    private Future<Void> reloadRevocations() {
        return store.revocations().map(r -> {
            policy.revocations(r);
            return null;
        });
    }

    /** Key rotation; the last badge key cannot be removed (the station would refuse everyone). */
    Future<Void> trustBadgeKeys(List<TrustedKey> add, List<TrustedKey> remove) {
        List<TrustedKey> next = new ArrayList<>(badgeKeys);
        next.removeAll(remove);
        add.stream().filter(k -> !next.contains(k)).forEach(next::add);
        if (next.isEmpty()) {
            return Future.failedFuture(new IllegalArgumentException("refusing to remove the last badge key"));
        }
        List<Future<Void>> writes = new ArrayList<>();
        add.forEach(k -> writes.add(store.addTrustedKey(k, "badge")));
        remove.forEach(k -> writes.add(store.removeTrustedKey(k.publicKey())));
        return Future.all(writes).map(v -> {
            badgeKeys.clear();
            badgeKeys.addAll(next);
            policy.trust(new TrustedKeys(next));
            log.info("Trusted badge keys now {}", next);
            return null;
        });
    }
}
